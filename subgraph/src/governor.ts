// ModelGovernor: proposals, their lifecycle and tallies, votes (with evaluation receipts) and the Governor settings.
import { Address, BigInt, Bytes, ethereum } from "@graphprotocol/graph-ts";
import {
  LateQuorumVoteExtensionSet,
  ProposalCanceled,
  ProposalCreated,
  ProposalExecuted,
  ProposalExtended,
  ProposalGuardianSet,
  ProposalQueued,
  ProposalThresholdSet,
  QuorumNumeratorUpdated,
  TimelockChange,
  VoteCast,
  VoteCastWithParams,
  VotingDelaySet,
  VotingPeriodSet,
} from "../generated/ModelGovernor/ModelGovernor";
import { Proposal, ProposalExtension, Vote } from "../generated/schema";
import { eventId, loadDelegate, loadGovernance, ZERO } from "./common";
import { applyReceipt } from "./receipt";

/** The description's first line without the Markdown heading marks. */
export function titleOf(description: string): string {
  const newline = description.indexOf("\n");
  let line = newline < 0 ? description : description.substring(0, newline);
  let start = 0;
  while (start < line.length && (line.charAt(start) == "#" || line.charAt(start) == " ")) start++;
  return line.substring(start).trim();
}

export function handleProposalCreated(event: ProposalCreated): void {
  const governance = loadGovernance();
  const p = event.params;
  const proposal = new Proposal(p.proposalId.toString());
  const proposer = loadDelegate(p.proposer);
  proposer.save();
  proposal.proposalId = p.proposalId;
  proposal.proposer = proposer.id;
  proposal.targets = changetype<Bytes[]>(p.targets);
  proposal.values = p.values;
  proposal.signatures = p.signatures;
  proposal.calldatas = p.calldatas;
  proposal.description = p.description;
  proposal.title = titleOf(p.description);
  proposal.voteStart = p.voteStart;
  proposal.voteEnd = p.voteEnd;
  proposal.originalVoteEnd = p.voteEnd;
  proposal.createdAt = event.block.timestamp;
  proposal.createdBlock = event.block.number;
  proposal.createdTx = event.transaction.hash;
  proposal.status = "CREATED";
  proposal.forVotes = ZERO;
  proposal.againstVotes = ZERO;
  proposal.abstainVotes = ZERO;
  proposal.voteCount = 0;
  proposal.quorum = governance.tokenTotalSupply.times(governance.quorumNumerator).div(governance.quorumDenominator);
  proposal.save();
  governance.proposalCount += 1;
  governance.save();
}

function leaveQueue(proposal: Proposal): void {
  if (proposal.status == "QUEUED") {
    const governance = loadGovernance();
    governance.proposalsQueued -= 1;
    governance.save();
  }
}

export function handleProposalQueued(event: ProposalQueued): void {
  const proposal = Proposal.load(event.params.proposalId.toString());
  if (proposal == null) return;
  proposal.status = "QUEUED";
  proposal.eta = event.params.etaSeconds;
  proposal.queuedAt = event.block.timestamp;
  proposal.queuedTx = event.transaction.hash;
  proposal.save();
  const governance = loadGovernance();
  governance.proposalsQueued += 1;
  governance.save();
}

export function handleProposalExecuted(event: ProposalExecuted): void {
  const proposal = Proposal.load(event.params.proposalId.toString());
  if (proposal == null) return;
  leaveQueue(proposal);
  proposal.status = "EXECUTED";
  proposal.executedAt = event.block.timestamp;
  proposal.executedTx = event.transaction.hash;
  proposal.save();
  const governance = loadGovernance();
  governance.proposalsExecuted += 1;
  governance.save();
}

export function handleProposalCanceled(event: ProposalCanceled): void {
  const proposal = Proposal.load(event.params.proposalId.toString());
  if (proposal == null) return;
  leaveQueue(proposal);
  proposal.status = "CANCELED";
  proposal.canceledAt = event.block.timestamp;
  proposal.canceledTx = event.transaction.hash;
  proposal.canceledBy = event.transaction.from;
  proposal.save();
  const governance = loadGovernance();
  governance.proposalsCanceled += 1;
  governance.save();
}

export function handleProposalExtended(event: ProposalExtended): void {
  const proposal = Proposal.load(event.params.proposalId.toString());
  if (proposal == null) return;
  if (!proposal.extendedDeadline) {
    const governance = loadGovernance();
    governance.proposalsExtended += 1;
    governance.save();
  }
  const deadline = event.params.extendedDeadline;
  proposal.extendedDeadline = deadline;
  proposal.voteEnd = deadline;
  proposal.save();
  const extension = new ProposalExtension(eventId(event));
  extension.proposal = proposal.id;
  extension.extendedDeadline = deadline;
  extension.timestamp = event.block.timestamp;
  extension.block = event.block.number;
  extension.tx = event.transaction.hash;
  extension.save();
}

function recordVote(
  event: ethereum.Event,
  voter: Address,
  proposalId: BigInt,
  support: i32,
  weight: BigInt,
  reason: string,
  params: Bytes | null,
): void {
  const proposal = Proposal.load(proposalId.toString());
  if (proposal == null) return;
  const delegate = loadDelegate(voter);
  delegate.save();
  const vote = new Vote(proposal.id + "-" + delegate.id);
  vote.proposal = proposal.id;
  vote.voter = delegate.id;
  vote.support = support;
  vote.weight = weight;
  vote.reason = reason;
  vote.params = params;
  vote.timestamp = event.block.timestamp;
  vote.block = event.block.number;
  vote.tx = event.transaction.hash;
  applyReceipt(vote, reason);
  vote.save();

  const governance = loadGovernance();
  governance.voteCount += 1;
  if (support == 0) {
    proposal.againstVotes = proposal.againstVotes.plus(weight);
    governance.votesAgainst += 1;
  } else if (support == 1) {
    proposal.forVotes = proposal.forVotes.plus(weight);
    governance.votesFor += 1;
  } else {
    proposal.abstainVotes = proposal.abstainVotes.plus(weight);
    governance.votesAbstain += 1;
  }
  proposal.voteCount += 1;
  proposal.save();
  governance.save();
}

export function handleVoteCast(event: VoteCast): void {
  const p = event.params;
  recordVote(event, p.voter, p.proposalId, p.support, p.weight, p.reason, null);
}

export function handleVoteCastWithParams(event: VoteCastWithParams): void {
  const p = event.params;
  recordVote(event, p.voter, p.proposalId, p.support, p.weight, p.reason, p.params);
}

export function handleQuorumNumeratorUpdated(event: QuorumNumeratorUpdated): void {
  const governance = loadGovernance();
  governance.quorumNumerator = event.params.newQuorumNumerator;
  governance.save();
}

export function handleVotingDelaySet(event: VotingDelaySet): void {
  const governance = loadGovernance();
  governance.votingDelay = event.params.newVotingDelay;
  governance.save();
}

export function handleVotingPeriodSet(event: VotingPeriodSet): void {
  const governance = loadGovernance();
  governance.votingPeriod = event.params.newVotingPeriod;
  governance.save();
}

export function handleProposalThresholdSet(event: ProposalThresholdSet): void {
  const governance = loadGovernance();
  governance.proposalThreshold = event.params.newProposalThreshold;
  governance.save();
}

export function handleLateQuorumVoteExtensionSet(event: LateQuorumVoteExtensionSet): void {
  const governance = loadGovernance();
  governance.lateQuorumVoteExtension = event.params.newVoteExtension;
  governance.save();
}

export function handleProposalGuardianSet(event: ProposalGuardianSet): void {
  const governance = loadGovernance();
  governance.proposalGuardian = event.params.newProposalGuardian;
  governance.save();
}

export function handleTimelockChange(event: TimelockChange): void {
  const governance = loadGovernance();
  governance.timelock = event.params.newTimelock;
  governance.save();
}
