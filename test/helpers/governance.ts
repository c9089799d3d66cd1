import type { NetworkConnection } from "hardhat/types/network";
import {
  encodeAbiParameters,
  encodeFunctionData,
  keccak256,
  numberToHex,
  padHex,
  parseEther,
  type Address,
  type Hash,
  zeroHash,
  type Hex,
} from "viem";
import { deployDao, descriptionHash, selfDelegateAll, type Call, type Dao } from "./dao.js";

/** IGovernor.ProposalState, in declaration order (Tally depends on these numbers). */
export const ProposalState = {
  Pending: 0,
  Active: 1,
  Canceled: 2,
  Defeated: 3,
  Succeeded: 4,
  Queued: 5,
  Expired: 6,
  Executed: 7,
} as const;

/** GovernorCountingSimple.VoteType. */
export const Vote = { Against: 0, For: 1, Abstain: 2 } as const;

/** The bytes32 bitmap the Governor puts in GovernorUnexpectedProposalState (bit i set = state i allowed). */
export function stateBitmap(...states: number[]): Hex {
  const bits = states.reduce((acc, s) => acc | (1n << BigInt(s)), 0n);
  return numberToHex(bits, { size: 32 });
}

/** Every state a proposal may be cancelled in: all but Canceled, Expired and Executed. */
export const CANCELLABLE_STATES = stateBitmap(
  ProposalState.Pending,
  ProposalState.Active,
  ProposalState.Defeated,
  ProposalState.Succeeded,
  ProposalState.Queued,
);

/** TimelockController.OperationState.Ready, as the timelock's bitmap. */
export const TIMELOCK_READY = numberToHex(1n << 2n, { size: 32 });

/** Fixture: the DAO from the real Ignition module, every holder self-delegated. */
export async function deployDelegatedDao(connection: NetworkConnection) {
  const dao = await deployDao(connection);
  await selfDelegateAll(dao);
  return dao;
}

export type Proposal = {
  targets: Address[];
  values: bigint[];
  calldatas: Hex[];
  description: string;
  descriptionHash: Hex;
  /** keccak256(abi.encode(targets, values, calldatas, descriptionHash)), computed off-chain as indexers do. */
  id: bigint;
};

export function buildProposal(calls: Call[], description: string): Proposal {
  const targets = calls.map((c) => c.target);
  const values = calls.map((c) => c.value ?? 0n);
  const calldatas = calls.map((c) => c.data);
  const hash = descriptionHash(description);
  const id = BigInt(
    keccak256(
      encodeAbiParameters(
        [{ type: "address[]" }, { type: "uint256[]" }, { type: "bytes[]" }, { type: "bytes32" }],
        [targets, values, calldatas, hash],
      ),
    ),
  );
  return { targets, values, calldatas, description, descriptionHash: hash, id };
}

/** A proposal that pays `amount` MDAO from the treasury to `recipient` (the outsider by default). */
export function payoutProposal(dao: Dao, description: string, amount = parseEther("1"), recipient?: Address) {
  const to = recipient ?? dao.outsider.account.address;
  const data = encodeFunctionData({
    abi: dao.treasury.abi,
    functionName: "payout",
    args: [dao.token.address, to, amount, description],
  });
  return buildProposal([{ target: dao.treasury.address, data }], description);
}

type Wallet = Dao["alice"];

export function propose(dao: Dao, p: Proposal, proposer: Wallet = dao.alice): Promise<Hash> {
  return dao.governor.write.propose([p.targets, p.values, p.calldatas, p.description], { account: proposer.account });
}

export function queue(dao: Dao, p: Proposal, caller: Wallet = dao.alice): Promise<Hash> {
  return dao.governor.write.queue([p.targets, p.values, p.calldatas, p.descriptionHash], { account: caller.account });
}

export function execute(dao: Dao, p: Proposal, caller: Wallet = dao.alice): Promise<Hash> {
  return dao.governor.write.execute([p.targets, p.values, p.calldatas, p.descriptionHash], {
    account: caller.account,
  });
}

export function cancel(dao: Dao, p: Proposal, caller: Wallet): Promise<Hash> {
  return dao.governor.write.cancel([p.targets, p.values, p.calldatas, p.descriptionHash], { account: caller.account });
}

export function vote(dao: Dao, id: bigint, support: number, voter: Wallet): Promise<Hash> {
  return dao.governor.write.castVote([id, support], { account: voter.account });
}

/** Mines a block at `timestamp` unless the chain is already there or past it. */
async function advanceTo(dao: Dao, timestamp: bigint) {
  const { time } = dao.connection.networkHelpers;
  if (BigInt(await time.latest()) < timestamp) await time.increaseTo(timestamp);
}

/** Moves the chain past the proposal's snapshot, so the vote is Active. */
export async function startVoting(dao: Dao, id: bigint) {
  await advanceTo(dao, (await dao.governor.read.proposalSnapshot([id])) + 1n);
}

/** Moves the chain past the proposal's (possibly extended) deadline, so the vote is closed. */
export async function endVoting(dao: Dao, id: bigint) {
  await advanceTo(dao, (await dao.governor.read.proposalDeadline([id])) + 1n);
}

/** Moves the chain to the proposal's eta, when the timelock operation becomes Ready. */
export async function reachEta(dao: Dao, id: bigint) {
  await advanceTo(dao, await dao.governor.read.proposalEta([id]));
}

/** Proposes with alice, votes For with alice and bob, and waits for the end of the vote: the proposal Succeeded. */
export async function succeed(dao: Dao, p: Proposal) {
  await propose(dao, p);
  await startVoting(dao, p.id);
  await vote(dao, p.id, Vote.For, dao.alice);
  await vote(dao, p.id, Vote.For, dao.bob);
  await endVoting(dao, p.id);
}

/** Drives a proposal to Queued: propose, pass, queue. Returns the queue transaction. */
export async function queued(dao: Dao, p: Proposal) {
  await succeed(dao, p);
  return queue(dao, p);
}

/** The timestamp of the block that included `hash`. */
export async function txTimestamp(dao: Dao, hash: Hash): Promise<bigint> {
  const receipt = await dao.publicClient.waitForTransactionReceipt({ hash });
  const block = await dao.publicClient.getBlock({ blockNumber: receipt.blockNumber });
  return block.timestamp;
}

/** The timelock salt GovernorTimelockControl uses for a proposal: bytes20(governor) ^ descriptionHash. */
export function timelockSalt(dao: Dao, p: Proposal): Hex {
  const governorAsBytes32 = padHex(dao.governor.address, { size: 32, dir: "right" });
  return numberToHex(BigInt(governorAsBytes32) ^ BigInt(p.descriptionHash), { size: 32 });
}

/** The id of the timelock operation that queuing `p` schedules. */
export async function timelockOperationId(dao: Dao, p: Proposal): Promise<Hex> {
  return dao.timelock.read.hashOperationBatch([p.targets, p.values, p.calldatas, zeroHash, timelockSalt(dao, p)]);
}

/** Addresses compare case-insensitively (viem checksums decoded addresses, wallet clients may not). */
export function sameAddress(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** The logs that the contract at `address` emitted in transaction `hash` (decode them with viem's parseEventLogs). */
export async function logsFrom(dao: Dao, hash: Hash, address: Address) {
  const receipt = await dao.publicClient.waitForTransactionReceipt({ hash });
  return receipt.logs.filter((l) => l.address.toLowerCase() === address.toLowerCase());
}

/** An EIP-712 domain read from the contract's own ERC-5267 eip712Domain(). */
export async function eip712DomainOf(contract: {
  read: { eip712Domain: () => Promise<readonly [Hex, string, string, bigint, Address, Hex, readonly bigint[]]> };
}) {
  const [, name, version, chainId, verifyingContract] = await contract.read.eip712Domain();
  return { name, version, chainId: Number(chainId), verifyingContract };
}
