// Turns anything a wallet, node or contract throws into one sentence a holder can act on. Contract reverts are
// decoded against every ModelDAO ABI, so a custom error reads as words, not as a selector.
import {
  BaseError,
  ContractFunctionRevertedError,
  decodeErrorResult,
  HttpRequestError,
  TimeoutError,
  UserRejectedRequestError,
  type Abi,
  type Hex,
} from "viem";
import { abis } from "../../contracts/abis.ts";

const allErrors: Abi = Object.values(abis)
  .flat()
  .filter((item, index, list) => {
    if (item.type !== "error") return false;
    return list.findIndex((other) => other.type === "error" && other.name === item.name) === index;
  }) as Abi;

const STATE_NAMES = ["Pending", "Active", "Canceled", "Defeated", "Succeeded", "Queued", "Expired", "Executed"];

type Explainer = (args: readonly unknown[]) => string;

const EXPLANATIONS: Record<string, Explainer> = {
  GovernorInsufficientProposerVotes: ([, votes, threshold]) =>
    `Your voting power (${fmt(votes)}) is below the proposal threshold (${fmt(threshold)}). Delegate to yourself or gather delegations first.`,
  GovernorAlreadyCastVote: () => "This account has already voted on this proposal.",
  GovernorUnexpectedProposalState: ([, current]) =>
    `The proposal is ${STATE_NAMES[Number(current)] ?? "in another state"}, so this action is not possible now.`,
  GovernorNonexistentProposal: () => "There is no such proposal.",
  GovernorUnableToCancel: () => "Only the proposer (while pending) or the proposal guardian can cancel this proposal.",
  GovernorRestrictedProposer: () => "This account may not propose.",
  GovernorInvalidSignature: () => "The vote signature is not valid for this voter.",
  GovernorOnlyExecutor: () => "Only the timelock can do this: it needs a governance proposal.",
  TimelockUnexpectedOperationState: () =>
    "The timelock is not ready for this operation: its delay has not passed yet, or it already ran.",
  TimelockUnexecutedPredecessor: () => "An earlier timelock operation must run first.",
  TimelockInsufficientDelay: () => "The timelock delay is shorter than the minimum.",
  FailedCall: () => "One of the proposal's actions failed when the timelock ran it.",
  AccessControlUnauthorizedAccount: () => "This account does not have the role this action needs.",
  OwnableUnauthorizedAccount: () => "Only governance (the timelock) can do this.",
  ModelRegistryDatasetNotWhitelisted: ([id]) => `Dataset ${name(id)} is not on the whitelist.`,
  ModelRegistryDuplicateDataset: ([id]) => `Dataset ${name(id)} is listed twice.`,
  ModelRegistryEvaluationDatasetUsedForTraining: ([id]) =>
    `Dataset ${name(id)} cannot be both a training and the evaluation dataset.`,
  ModelRegistryInvalidCid: () => "The content address (CID) is missing or malformed.",
  ModelRegistryInvalidDigest: () => "The manifest digest is missing.",
  ModelRegistryInvalidMetric: ([value]) => `A claimed metric (${value}) is above 100% (10,000 basis points).`,
  ModelRegistryInvalidModelId: () => "The model id is empty.",
  ModelRegistryInvalidStatus: ([, version, status]) =>
    `Version ${version} is ${["missing", "a candidate", "active", "superseded", "retired", "revoked"][Number(status)] ?? "in another state"}, so this is not possible.`,
  ModelRegistryInvalidTrainingDatasets: ([count]) => `A version names 1 to 8 training datasets, not ${count}.`,
  ModelRegistryPaused: ([id]) =>
    `Model ${name(id)} is paused by the kill switch: nothing can be activated until governance unpauses it.`,
  ModelRegistryReasonRequired: () => "A reason is required.",
  ModelRegistryUnknownParent: ([, parent]) => `Parent version ${parent} does not exist.`,
  ModelRegistryUnknownVersion: ([, version]) => `Version ${version} does not exist.`,
  ERC20InsufficientBalance: () => "The balance is too low for this transfer.",
  ERC2612ExpiredSignature: () => "The signature has expired.",
  VotesExpiredSignature: () => "The delegation signature has expired.",
  InvalidAccountNonce: () => "The signature was already used (nonce mismatch). Sign again.",
};

function fmt(value: unknown): string {
  if (typeof value !== "bigint") return String(value);
  const whole = value / 10n ** 18n;
  return `${whole.toLocaleString()} MDAO`;
}

function name(value: unknown): string {
  if (typeof value !== "string" || !value.startsWith("0x")) return String(value);
  const text = value
    .slice(2)
    .replace(/(00)+$/, "")
    .match(/../g)
    ?.map((byte) => String.fromCharCode(parseInt(byte, 16)))
    .join("");
  return text && /^[\x20-\x7e]+$/.test(text) ? `\`${text}\`` : value;
}

/** Explains a decoded custom error; unknown ones fall back to their name and arguments. */
export function explainContractError(errorName: string, args: readonly unknown[] = []): string {
  const explain = EXPLANATIONS[errorName] ?? EXPLANATIONS[errorName.replace(/^[A-Z][a-z]+(?=[A-Z])/, "")];
  if (explain) return explain(args);
  const shown = args.map((arg) => (typeof arg === "bigint" ? arg.toString() : String(arg))).join(", ");
  return `The contract refused: ${errorName}(${shown}).`;
}

export function decodeRevertData(data: Hex): string | null {
  try {
    const decoded = decodeErrorResult({ abi: allErrors, data });
    return explainContractError(decoded.errorName, decoded.args ?? []);
  } catch {
    return null;
  }
}

export function isUserRejection(error: unknown): boolean {
  if (error instanceof BaseError) {
    return Boolean(
      error.walk((inner) => inner instanceof UserRejectedRequestError || (inner as { code?: number }).code === 4001),
    );
  }
  return (error as { code?: number } | null)?.code === 4001;
}

export function describeError(error: unknown): string {
  if (isUserRejection(error)) return "You rejected the request in your wallet. Nothing was sent.";
  if (error instanceof BaseError) {
    const reverted = error.walk((inner) => inner instanceof ContractFunctionRevertedError);
    if (reverted instanceof ContractFunctionRevertedError) {
      if (reverted.data?.errorName) return explainContractError(reverted.data.errorName, reverted.data.args ?? []);
      if (reverted.raw) return decodeRevertData(reverted.raw) ?? `The contract refused (${reverted.raw.slice(0, 10)}).`;
      if (reverted.reason) return `The contract refused: ${reverted.reason}.`;
    }
    const raw = findRevertData(error);
    if (raw) {
      const decoded = decodeRevertData(raw);
      if (decoded) return decoded;
    }
    if (error.walk((inner) => inner instanceof HttpRequestError || inner instanceof TimeoutError))
      return "The chain node did not answer. Check your connection; ModelDAO retries on its own.";
    return error.shortMessage || error.message;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}

function findRevertData(error: BaseError): Hex | null {
  let found: Hex | null = null;
  error.walk((inner) => {
    const data = (inner as { data?: unknown }).data;
    if (typeof data === "string" && /^0x[0-9a-fA-F]{8,}$/.test(data)) found = data as Hex;
    return false;
  });
  return found;
}
