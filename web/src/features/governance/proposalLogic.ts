// What a proposal's state means for the people looking at it: its title, when things happen, the tally against
// quorum, and which buttons can succeed now. Pure functions of the proposal and the chain's clock.
import type { Address, Hash, Hex } from "viem";
import { formatDuration, formatTimestamp } from "../../shared/format.ts";

export const PROPOSAL_STATES = [
  "Pending",
  "Active",
  "Canceled",
  "Defeated",
  "Succeeded",
  "Queued",
  "Expired",
  "Executed",
] as const;
export type ProposalState = (typeof PROPOSAL_STATES)[number];

export const SUPPORT = ["Against", "For", "Abstain"] as const;
export type SupportName = (typeof SUPPORT)[number];

export type Tally = { for: bigint; against: bigint; abstain: bigint };

export type Proposal = {
  id: bigint;
  proposer: Address;
  description: string;
  targets: Address[];
  values: bigint[];
  calldatas: Hex[];
  signatures: string[];
  /** Governor clock = timestamps (the token uses a timestamp clock). */
  voteStart: number;
  voteEnd: number;
  createdBlock: bigint;
  createdAt: number | null;
  createdTx: Hash | null;
  state: ProposalState;
  tally: Tally;
  /** Votes needed (For + Abstain) at the snapshot; null while the snapshot is in the future. */
  quorum: bigint | null;
  eta: number | null;
  queuedAt: number | null;
  executedAt: number | null;
  canceledAt: number | null;
  /** Late quorum moved the deadline here. */
  extendedTo: number | null;
};

export type Vote = {
  proposalId: bigint;
  voter: Address;
  support: number;
  weight: bigint;
  reason: string;
  blockNumber: bigint;
  txHash: Hash | null;
};

/** The first Markdown heading, else the first non-empty line, trimmed to a readable length. */
export function proposalTitle(description: string): string {
  const lines = description.split("\n").map((line) => line.trim());
  const heading = lines.find((line) => /^#{1,6}\s+\S/.test(line));
  const first = heading ?? lines.find((line) => line.length > 0) ?? "";
  const title = first.replace(/^#{1,6}\s+/, "").trim();
  if (!title) return "Untitled proposal";
  return title.length > 120 ? `${title.slice(0, 117)}…` : title;
}

/** The description without its title line, for rendering under the title. */
export function proposalBody(description: string): string {
  const title = proposalTitle(description);
  const lines = description.split("\n");
  const index = lines.findIndex((line) => line.trim().replace(/^#{1,6}\s+/, "") === title);
  return index >= 0
    ? lines
        .slice(index + 1)
        .join("\n")
        .trim()
    : description;
}

export function effectiveDeadline(proposal: Pick<Proposal, "voteEnd" | "extendedTo">): number {
  return proposal.extendedTo && proposal.extendedTo > proposal.voteEnd ? proposal.extendedTo : proposal.voteEnd;
}

/** One line on what happens next: "Voting ends in 2d 4h", "Executable in 23h", "Ready to queue". */
export function timingLabel(proposal: Proposal, now: number): string {
  switch (proposal.state) {
    case "Pending":
      return `Voting starts in ${formatDuration(proposal.voteStart - now)}`;
    case "Active": {
      const left = effectiveDeadline(proposal) - now;
      return left > 0 ? `Voting ends in ${formatDuration(left)}` : "Voting has ended";
    }
    case "Succeeded":
      return "Passed — ready to queue";
    case "Queued":
      if (proposal.eta === null) return "Queued";
      return proposal.eta > now ? `Executable in ${formatDuration(proposal.eta - now)}` : "Ready to execute";
    case "Executed":
      return proposal.executedAt ? `Executed ${formatTimestamp(proposal.executedAt)}` : "Executed";
    case "Canceled":
      return proposal.canceledAt ? `Canceled ${formatTimestamp(proposal.canceledAt)}` : "Canceled";
    case "Defeated":
      return "Defeated";
    case "Expired":
      return "Expired without execution";
  }
}

export type QuorumProgress = { votes: bigint; quorum: bigint | null; reached: boolean; fraction: number };

/** For + Abstain count toward quorum (OZ GovernorCountingSimple). */
export function quorumProgress(tally: Tally, quorum: bigint | null): QuorumProgress {
  const votes = tally.for + tally.abstain;
  if (quorum === null || quorum === 0n)
    return { votes, quorum, reached: quorum === 0n, fraction: quorum === 0n ? 1 : 0 };
  const fraction = Number((votes * 10_000n) / quorum) / 10_000;
  return { votes, quorum, reached: votes >= quorum, fraction: Math.min(1, fraction) };
}

export function tallyShares(tally: Tally): Record<keyof Tally, number> {
  const total = tally.for + tally.against + tally.abstain;
  if (total === 0n) return { for: 0, against: 0, abstain: 0 };
  const share = (value: bigint) => Number((value * 10_000n) / total) / 10_000;
  return { for: share(tally.for), against: share(tally.against), abstain: share(tally.abstain) };
}

export type Viewer = {
  connected: boolean;
  address?: Address;
  /** Voting power at the proposal's snapshot. */
  votesAtSnapshot: bigint;
  hasVoted: boolean;
  isProposalGuardian: boolean;
};

export type Availability = { available: boolean; reason: string };
export type ProposalActions = { vote: Availability; queue: Availability; execute: Availability; cancel: Availability };

const CANCELLABLE_BY_GUARDIAN: ProposalState[] = ["Pending", "Active", "Succeeded", "Queued"];

/** Which buttons can succeed now, and in words why not. Mirrors the Governor's own checks. */
export function availableActions(proposal: Proposal, viewer: Viewer, now: number): ProposalActions {
  const no = (reason: string): Availability => ({ available: false, reason });
  const yes: Availability = { available: true, reason: "" };

  let vote: Availability;
  if (proposal.state !== "Active")
    vote = no(proposal.state === "Pending" ? "Voting has not started yet." : "Voting is closed.");
  else if (!viewer.connected) vote = no("Connect a wallet to vote.");
  else if (viewer.hasVoted) vote = no("You have already voted.");
  else if (viewer.votesAtSnapshot === 0n)
    vote = no("You had no voting power when this proposal's vote opened (delegate before a proposal starts).");
  else vote = yes;

  const queue = proposal.state === "Succeeded" ? yes : no("Only a proposal that passed can be queued.");

  let execute: Availability;
  if (proposal.state !== "Queued") execute = no("Only a queued proposal can be executed.");
  else if (proposal.eta !== null && proposal.eta > now)
    execute = no(`The timelock delay ends in ${formatDuration(proposal.eta - now)}.`);
  else execute = yes;

  let cancel: Availability;
  const isProposer = viewer.address !== undefined && viewer.address.toLowerCase() === proposal.proposer.toLowerCase();
  if (viewer.isProposalGuardian && CANCELLABLE_BY_GUARDIAN.includes(proposal.state)) cancel = yes;
  else if (isProposer && proposal.state === "Pending") cancel = yes;
  else cancel = no("Only the proposer (before voting starts) or the proposal guardian can cancel.");

  return { vote, queue, execute, cancel };
}

export const OPEN_STATES: ProposalState[] = ["Pending", "Active", "Succeeded", "Queued"];

export function stateTone(state: ProposalState): "ok" | "warn" | "danger" | "accent" | "neutral" {
  switch (state) {
    case "Active":
      return "accent";
    case "Succeeded":
    case "Queued":
      return "warn";
    case "Executed":
      return "ok";
    case "Defeated":
    case "Canceled":
    case "Expired":
      return "danger";
    default:
      return "neutral";
  }
}
