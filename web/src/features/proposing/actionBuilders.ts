// Turns what a proposer typed into proposal actions (target, value, calldata). Pure: every builder validates its
// input and throws an Error whose message is shown next to the form.
import {
  encodeFunctionData,
  isAddress,
  isHex,
  parseAbiItem,
  parseEther,
  parseUnits,
  zeroAddress,
  type AbiFunction,
  type Address,
  type Hex,
} from "viem";
import { abis } from "../../contracts/abis.ts";
import type { ContractName } from "../../config/deployment.ts";
import { nameToId } from "../../shared/format.ts";
import type { ProposalAction } from "../governance/decodeActions.ts";

export type Contracts = Record<ContractName, Address>;

function address(value: string, what: string): Address {
  const trimmed = value.trim();
  if (!isAddress(trimmed, { strict: false }))
    throw new Error(`${what} is not an address (0x followed by 40 hex digits).`);
  if (trimmed.toLowerCase() === zeroAddress) throw new Error(`${what} cannot be the zero address.`);
  return trimmed as Address;
}

function amount(value: string, decimals: number): bigint {
  const trimmed = value.trim();
  if (!/^\d+(\.\d+)?$/.test(trimmed)) throw new Error("Enter the amount as a positive number, e.g. 2 or 0.5.");
  const parsed = decimals === 18 ? parseEther(trimmed) : parseUnits(trimmed, decimals);
  if (parsed === 0n) throw new Error("The amount must be more than zero.");
  return parsed;
}

function text(value: string, what: string): string {
  const trimmed = value.trim();
  if (!trimmed) throw new Error(`${what} is required.`);
  return trimmed;
}

export type Asset = "ETH" | "MDAO";

export function tokenFor(asset: Asset, contracts: Contracts): Address {
  return asset === "ETH" ? zeroAddress : contracts.token;
}

export function payoutAction(
  input: { asset: Asset; recipient: string; amount: string; memo: string },
  contracts: Contracts,
): ProposalAction {
  return {
    target: contracts.treasury,
    value: 0n,
    calldata: encodeFunctionData({
      abi: abis.treasury,
      functionName: "payout",
      args: [
        tokenFor(input.asset, contracts),
        address(input.recipient, "The recipient"),
        amount(input.amount, 18),
        input.memo.trim(),
      ],
    }),
  };
}

export function grantAction(
  input: {
    asset: Asset;
    beneficiary: string;
    amount: string;
    startDate: string;
    cliffDays: string;
    durationDays: string;
    memo: string;
  },
  contracts: Contracts,
): ProposalAction {
  const start = Date.parse(`${input.startDate}T00:00:00Z`);
  if (Number.isNaN(start)) throw new Error("Choose the date vesting starts.");
  const days = (value: string, what: string) => {
    if (!/^\d+$/.test(value.trim())) throw new Error(`${what} must be a whole number of days.`);
    return Number(value) * 86_400;
  };
  const duration = days(input.durationDays, "The duration");
  const cliff = days(input.cliffDays || "0", "The cliff");
  if (duration === 0) throw new Error("The duration must be at least one day.");
  if (cliff > duration) throw new Error("The cliff cannot be longer than the duration.");
  const total = amount(input.amount, 18);
  if (total >= 2n ** 128n) throw new Error("The amount is too large.");
  return {
    target: contracts.treasury,
    value: 0n,
    calldata: encodeFunctionData({
      abi: abis.treasury,
      functionName: "createGrant",
      args: [
        address(input.beneficiary, "The beneficiary"),
        tokenFor(input.asset, contracts),
        total,
        Math.floor(start / 1000),
        cliff,
        duration,
        input.memo.trim(),
      ],
    }),
  };
}

export function unpauseAction(input: { model: string; reason: string }, contracts: Contracts): ProposalAction {
  const reason = text(input.reason, "A reason");
  const model = input.model.trim();
  return {
    target: contracts.killSwitch,
    value: 0n,
    calldata: model
      ? encodeFunctionData({ abi: abis.killSwitch, functionName: "unpauseModel", args: [nameToId(model), reason] })
      : encodeFunctionData({ abi: abis.killSwitch, functionName: "unpause", args: [reason] }),
  };
}

export function activateAction(input: { model: string; version: string }, contracts: Contracts): ProposalAction {
  if (!/^\d+$/.test(input.version.trim()) || Number(input.version) < 1)
    throw new Error("The version must be 1 or more.");
  return {
    target: contracts.modelRegistry,
    value: 0n,
    calldata: encodeFunctionData({
      abi: abis.modelRegistry,
      functionName: "activateVersion",
      args: [nameToId(text(input.model, "The model")), Number(input.version)],
    }),
  };
}

export function datasetAction(
  input: {
    id: string;
    cid: string;
    manifestDigest: string;
    cardDigest: string;
    license: string;
    source: string;
    creator: string;
  },
  contracts: Contracts,
): ProposalAction {
  const digest = (value: string, what: string): Hex => {
    const trimmed = value.trim();
    if (!isHex(trimmed) || trimmed.length !== 66) throw new Error(`${what} must be 0x followed by 64 hex digits.`);
    return trimmed;
  };
  const id = text(input.id, "The dataset id");
  if (new TextEncoder().encode(id).length > 32) throw new Error("The dataset id must fit in 32 bytes.");
  return {
    target: contracts.datasetRegistry,
    value: 0n,
    calldata: encodeFunctionData({
      abi: abis.datasetRegistry,
      functionName: "approveDataset",
      args: [
        {
          id: nameToId(id),
          cid: text(input.cid, "The CID"),
          manifestDigest: digest(input.manifestDigest, "The manifest digest"),
          cardDigest: digest(input.cardDigest, "The card digest"),
          license: text(input.license, "The license"),
          source: text(input.source, "The source"),
          creator: text(input.creator, "The creator"),
        },
      ],
    }),
  };
}

/** The governance settings a proposal can change, each with the unit a person types it in. */
export const PARAMETERS = {
  "Voting delay": { unit: "duration" },
  "Voting period": { unit: "duration" },
  "Late-quorum vote extension": { unit: "duration" },
  "Timelock delay": { unit: "duration" },
  "Proposal threshold": { unit: "MDAO" },
  Quorum: { unit: "percent" },
} as const;
export type Parameter = keyof typeof PARAMETERS;

const DURATION_UNITS: Record<string, number> = { s: 1, m: 60, h: 3_600, d: 86_400, w: 604_800 };

/** Seconds in "90s", "30m", "12h", "3d" or "1w" (a bare number is seconds). */
export function parseDuration(value: string): number {
  const match = /^(\d+)\s*([smhdw]?)$/.exec(value.trim().toLowerCase());
  if (!match) throw new Error("Enter a duration such as 90s, 30m, 12h, 3d or 1w.");
  return Number(match[1]) * DURATION_UNITS[match[2] || "s"];
}

export function parameterAction(input: { parameter: string; value: string }, contracts: Contracts): ProposalAction {
  const parameter = input.parameter as Parameter;
  if (!(parameter in PARAMETERS)) throw new Error("Choose the setting to change.");
  const call = (target: Address, calldata: Hex): ProposalAction => ({ target, value: 0n, calldata });
  const governor = (functionName: "setVotingDelay" | "setLateQuorumVoteExtension", seconds: number) =>
    call(contracts.governor, encodeFunctionData({ abi: abis.governor, functionName, args: [seconds] }));
  switch (parameter) {
    case "Voting delay":
      return governor("setVotingDelay", parseDuration(input.value));
    case "Late-quorum vote extension":
      return governor("setLateQuorumVoteExtension", parseDuration(input.value));
    case "Voting period": {
      const seconds = parseDuration(input.value);
      if (seconds === 0) throw new Error("The voting period must be longer than zero.");
      return call(
        contracts.governor,
        encodeFunctionData({ abi: abis.governor, functionName: "setVotingPeriod", args: [seconds] }),
      );
    }
    case "Timelock delay":
      return call(
        contracts.timelock,
        encodeFunctionData({
          abi: abis.timelock,
          functionName: "updateDelay",
          args: [BigInt(parseDuration(input.value))],
        }),
      );
    case "Proposal threshold": {
      const trimmed = input.value.trim();
      if (!/^\d+(\.\d+)?$/.test(trimmed)) throw new Error("Enter the threshold in MDAO, e.g. 1000.");
      return call(
        contracts.governor,
        encodeFunctionData({ abi: abis.governor, functionName: "setProposalThreshold", args: [parseEther(trimmed)] }),
      );
    }
    case "Quorum": {
      const trimmed = input.value.trim().replace(/%$/, "");
      if (!/^\d+$/.test(trimmed) || Number(trimmed) < 1 || Number(trimmed) > 100)
        throw new Error("The quorum is a whole percentage of the supply, from 1 to 100.");
      return call(
        contracts.governor,
        encodeFunctionData({ abi: abis.governor, functionName: "updateQuorumNumerator", args: [BigInt(trimmed)] }),
      );
    }
  }
}

/** A call to any contract: a function signature and its arguments (JSON array), or raw calldata. */
export function rawCallAction(input: {
  target: string;
  value: string;
  signature: string;
  args: string;
}): ProposalAction {
  const target = address(input.target, "The target");
  const value = input.value.trim() ? parseEther(input.value.trim()) : 0n;
  const signature = input.signature.trim();
  if (isHex(signature)) return { target, value, calldata: signature };
  if (!signature) return { target, value, calldata: "0x" };
  let item: AbiFunction;
  try {
    const parsed = parseAbiItem(signature.startsWith("function ") ? signature : `function ${signature}`);
    if (parsed.type !== "function") throw new Error();
    item = parsed as AbiFunction;
  } catch {
    throw new Error(
      "The function must look like `setFee(uint256)` or `function setFee(uint256 fee)`, or be raw hex calldata.",
    );
  }
  let args: unknown[];
  try {
    args = input.args.trim() ? (JSON.parse(input.args) as unknown[]) : [];
    if (!Array.isArray(args)) throw new Error();
  } catch {
    throw new Error('The arguments must be a JSON array, e.g. ["0x…", "1000"].');
  }
  try {
    return { target, value, calldata: encodeFunctionData({ abi: [item], functionName: item.name, args }) };
  } catch (error) {
    throw new Error(`The arguments do not fit ${item.name}: ${(error as Error).message.split("\n")[0]}`);
  }
}

/** The Governor reads the first line as the title; an empty description is refused. */
export function proposalDescription(title: string, body: string): string {
  const heading = text(title, "A title").replace(/\n/g, " ");
  return `# ${heading}\n\n${body.trim()}`.trim();
}
