// Every proposal action in words ("Activate `digits` v2 (CID …) replacing v1", "Pay 2 ETH to 0x…"), decoded
// with the generated ABIs of the contract the action targets. Pure: what it needs from the chain (active versions,
// CIDs, token symbols) comes in through `context`, so it is unit-tested without a node.
import { decodeFunctionData, formatUnits, zeroAddress, type Abi, type Address, type Hex } from "viem";
import { abis } from "../../contracts/abis.ts";
import type { ContractName } from "../../config/deployment.ts";
import { formatAmount, formatDuration, idToName, shortAddress, formatTimestamp } from "../../shared/format.ts";

export type ProposalAction = { target: Address; value: bigint; calldata: Hex; signature?: string };

export type DecodeContext = {
  /** Deployed ModelDAO contracts by name. */
  contracts: Partial<Record<ContractName, Address>>;
  /** The model's active version now (0 when none), to say what an activation replaces. */
  activeVersion?: (modelId: Hex) => number | undefined;
  /** A version's CID, when known (from its ModelVersionSubmitted event). */
  versionCid?: (modelId: Hex, version: number) => string | undefined;
  tokenSymbol?: string;
};

export type DecodedAction = {
  /** One sentence, Markdown-free; code-like names in backticks. */
  summary: string;
  /** The contract and function, e.g. "ModelRegistry.activateVersion". */
  call: string;
  contract: ContractName | null;
  functionName: string | null;
  args: readonly unknown[];
  kind: ActionKind;
  /** For model activations: what the evaluation panel needs. */
  modelUpgrade?: { modelId: Hex; version: number; replaces: number | undefined };
  raw: ProposalAction;
};

export type ActionKind = "model" | "dataset" | "treasury" | "safety" | "governance" | "transfer" | "unknown";

const CONTRACT_LABELS: Record<ContractName, string> = {
  token: "GovernanceToken",
  timelock: "TimelockController",
  governor: "ModelGovernor",
  treasury: "Treasury",
  killSwitch: "KillSwitch",
  datasetRegistry: "DatasetRegistry",
  modelRegistry: "ModelRegistry",
};

function contractAt(address: Address, context: DecodeContext): ContractName | null {
  const entry = Object.entries(context.contracts).find(([, value]) => value?.toLowerCase() === address.toLowerCase());
  return (entry?.[0] as ContractName | undefined) ?? null;
}

export function decodeAction(action: ProposalAction, context: DecodeContext): DecodedAction {
  const contract = contractAt(action.target, context);
  const base = { contract, raw: action };
  if (action.calldata === "0x" || action.calldata.length < 10) {
    return {
      ...base,
      summary: `Send ${formatEth(action.value)} to ${describeAddress(action.target, context)}`,
      call: "transfer",
      functionName: null,
      args: [],
      kind: "transfer",
    };
  }
  if (contract) {
    try {
      const decoded = decodeFunctionData({ abi: abis[contract] as Abi, data: action.calldata });
      const args = decoded.args ?? [];
      const described = describeCall(contract, decoded.functionName, args, action, context);
      return {
        ...base,
        ...described,
        call: `${CONTRACT_LABELS[contract]}.${decoded.functionName}`,
        functionName: decoded.functionName,
        args,
      };
    } catch {
      // Falls through to the unknown-call description: the selector is not in this contract's ABI.
    }
  }
  const selector = action.calldata.slice(0, 10);
  const label = action.signature ? action.signature : `function ${selector}`;
  return {
    ...base,
    summary: `Call ${label} on ${describeAddress(action.target, context)}${action.value ? ` sending ${formatEth(action.value)}` : ""}`,
    call: label,
    functionName: null,
    args: [],
    kind: "unknown",
  };
}

type Described = Pick<DecodedAction, "summary" | "kind" | "modelUpgrade">;

function describeCall(
  contract: ContractName,
  fn: string,
  args: readonly unknown[],
  action: ProposalAction,
  context: DecodeContext,
): Described {
  const a = args as readonly any[]; // eslint-disable-line @typescript-eslint/no-explicit-any
  switch (`${contract}.${fn}`) {
    case "modelRegistry.activateVersion": {
      const [modelId, version] = [a[0] as Hex, Number(a[1])];
      const replaces = context.activeVersion?.(modelId);
      const cid = context.versionCid?.(modelId, version);
      return {
        kind: "model",
        summary: `Activate \`${idToName(modelId)}\` v${version}${cid ? ` (CID ${shortCid(cid)})` : ""}${
          replaces ? ` replacing v${replaces}` : replaces === 0 ? " as its first active version" : ""
        }`,
        modelUpgrade: { modelId, version, replaces },
      };
    }
    case "modelRegistry.rollbackTo":
      return { kind: "model", summary: `Roll \`${idToName(a[0])}\` back to v${a[1]}` };
    case "modelRegistry.retireVersion":
      return { kind: "model", summary: `Retire \`${idToName(a[0])}\` v${a[1]}: “${a[2]}”` };
    case "modelRegistry.revokeVersion":
      return { kind: "model", summary: `Revoke \`${idToName(a[0])}\` v${a[1]}: “${a[2]}”` };
    case "modelRegistry.grantRole":
    case "modelRegistry.revokeRole":
      return {
        kind: "governance",
        summary: `${fn === "grantRole" ? "Grant" : "Revoke"} a ModelRegistry role ${fn === "grantRole" ? "to" : "from"} ${describeAddress(a[1], context)}`,
      };
    case "datasetRegistry.approveDataset": {
      const input = a[0] as { id: Hex; cid: string; license: string; source: string; creator: string };
      return {
        kind: "dataset",
        summary: `Approve dataset \`${idToName(input.id)}\` (CID ${shortCid(input.cid)}, license ${input.license}, by ${input.creator})`,
      };
    }
    case "datasetRegistry.revokeDataset":
      return { kind: "dataset", summary: `Revoke dataset \`${idToName(a[0])}\`: “${a[1]}”` };
    case "treasury.payout":
      return {
        kind: "treasury",
        summary: `Pay ${formatToken(a[0], a[2], context)} to ${describeAddress(a[1], context)}${a[3] ? ` — “${a[3]}”` : ""}`,
      };
    case "treasury.createGrant": {
      const [beneficiary, token, amount, start, cliff, duration] = a;
      const cliffText = Number(cliff) ? `, cliff ${formatDuration(Number(cliff))}` : "";
      return {
        kind: "treasury",
        summary: `Grant ${formatToken(token, amount, context)} to ${describeAddress(beneficiary, context)}, vesting over ${formatDuration(Number(duration))} from ${formatTimestamp(Number(start))}${cliffText}`,
      };
    }
    case "treasury.cancelGrant":
      return { kind: "treasury", summary: `Cancel grant #${a[0]}: “${a[1]}”` };
    case "killSwitch.pause":
      return { kind: "safety", summary: `Pause every model: “${a[0]}”` };
    case "killSwitch.pauseModel":
      return { kind: "safety", summary: `Pause \`${idToName(a[0])}\`: “${a[1]}”` };
    case "killSwitch.unpause":
      return { kind: "safety", summary: `Unpause: “${a[0]}”` };
    case "killSwitch.unpauseModel":
      return { kind: "safety", summary: `Unpause \`${idToName(a[0])}\`: “${a[1]}”` };
    case "killSwitch.setGuardian":
      return { kind: "safety", summary: `Make ${describeAddress(a[0], context)} the guardian` };
    case "governor.setVotingDelay":
      return { kind: "governance", summary: `Set the voting delay to ${formatDuration(Number(a[0]))}` };
    case "governor.setVotingPeriod":
      return { kind: "governance", summary: `Set the voting period to ${formatDuration(Number(a[0]))}` };
    case "governor.setProposalThreshold":
      return {
        kind: "governance",
        summary: `Set the proposal threshold to ${formatToken(context.contracts.token ?? zeroAddress, a[0], context)}`,
      };
    case "governor.updateQuorumNumerator":
      return { kind: "governance", summary: `Set the quorum to ${a[0]}% of the supply` };
    case "governor.setLateQuorumVoteExtension":
      return { kind: "governance", summary: `Set the late-quorum vote extension to ${formatDuration(Number(a[0]))}` };
    case "governor.setProposalGuardian":
      return { kind: "governance", summary: `Make ${describeAddress(a[0], context)} the proposal guardian` };
    case "governor.updateTimelock":
      return { kind: "governance", summary: `Move governance to the timelock at ${describeAddress(a[0], context)}` };
    case "governor.relay":
      return { kind: "governance", summary: `Relay a call from the Governor to ${describeAddress(a[0], context)}` };
    case "timelock.updateDelay":
      return { kind: "governance", summary: `Set the timelock delay to ${formatDuration(Number(a[0]))}` };
    case "timelock.grantRole":
    case "timelock.revokeRole":
      return {
        kind: "governance",
        summary: `${fn === "grantRole" ? "Grant" : "Revoke"} a timelock role ${fn === "grantRole" ? "to" : "from"} ${describeAddress(a[1], context)}`,
      };
    case "token.transfer":
      return {
        kind: "treasury",
        summary: `Transfer ${formatToken(action.target, a[1], context)} to ${describeAddress(a[0], context)}`,
      };
    default: {
      const shown = args.map((arg) => formatArg(arg)).join(", ");
      return { kind: "unknown", summary: `Call ${CONTRACT_LABELS[contract]}.${fn}(${shown})` };
    }
  }
}

function formatArg(arg: unknown): string {
  if (typeof arg === "bigint") return arg.toString();
  if (typeof arg === "string") return arg.length > 24 ? `${arg.slice(0, 12)}…` : arg;
  if (Array.isArray(arg)) return `[${arg.map(formatArg).join(", ")}]`;
  if (arg && typeof arg === "object") return "{…}";
  return String(arg);
}

export function formatEth(value: bigint): string {
  return `${formatAmount(value, 18, 4)} ETH`;
}

function formatToken(token: Address, amount: bigint, context: DecodeContext): string {
  if (token === zeroAddress) return formatEth(amount);
  if (context.contracts.token && token.toLowerCase() === context.contracts.token.toLowerCase())
    return `${formatAmount(amount, 18, 4)} ${context.tokenSymbol ?? "MDAO"}`;
  return `${formatUnits(amount, 0)} base units of token ${shortAddress(token)}`;
}

function describeAddress(address: Address, context: DecodeContext): string {
  const name = contractAt(address, context);
  return name ? `the ${CONTRACT_LABELS[name]}` : address;
}

function shortCid(cid: string): string {
  return cid.length > 16 ? `${cid.slice(0, 8)}…${cid.slice(-6)}` : cid;
}

export function decodeActions(actions: ProposalAction[], context: DecodeContext): DecodedAction[] {
  return actions.map((action) => decodeAction(action, context));
}
