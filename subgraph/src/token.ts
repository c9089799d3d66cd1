// GovernanceToken: total supply (mints and burns), delegation and voting power.
import { DelegateChanged, DelegateVotesChanged, Transfer } from "../generated/GovernanceToken/GovernanceToken";
import { DelegationChange, VotingPowerChange } from "../generated/schema";
import { eventId, isZeroAddress, loadDelegate, loadGovernance, ZERO } from "./common";

export function handleTransfer(event: Transfer): void {
  const minted = isZeroAddress(event.params.from);
  const burned = isZeroAddress(event.params.to);
  if (!minted && !burned) return;
  const governance = loadGovernance();
  if (minted) governance.tokenTotalSupply = governance.tokenTotalSupply.plus(event.params.value);
  if (burned) governance.tokenTotalSupply = governance.tokenTotalSupply.minus(event.params.value);
  governance.save();
}

export function handleDelegateChanged(event: DelegateChanged): void {
  const p = event.params;
  const delegator = loadDelegate(p.delegator);
  const change = new DelegationChange(eventId(event));
  change.delegator = delegator.id;
  if (!isZeroAddress(p.fromDelegate)) {
    const from = loadDelegate(p.fromDelegate);
    from.delegatorCount -= 1;
    from.save();
    change.fromDelegate = from.id;
  }
  if (!isZeroAddress(p.toDelegate)) {
    // Reload: the delegator may be its own old or new delegate.
    const to = loadDelegate(p.toDelegate);
    to.delegatorCount += 1;
    to.save();
    change.toDelegate = to.id;
  }
  const updated = loadDelegate(p.delegator);
  if (isZeroAddress(p.toDelegate)) updated.delegatedTo = null;
  else updated.delegatedTo = p.toDelegate.toHexString();
  updated.save();
  change.timestamp = event.block.timestamp;
  change.block = event.block.number;
  change.tx = event.transaction.hash;
  change.save();
}

export function handleDelegateVotesChanged(event: DelegateVotesChanged): void {
  const p = event.params;
  const delegate = loadDelegate(p.delegate);
  delegate.votingPower = p.newVotes;
  delegate.save();
  const governance = loadGovernance();
  governance.totalVotingPower = governance.totalVotingPower.plus(p.newVotes).minus(p.previousVotes);
  if (p.previousVotes.equals(ZERO) && p.newVotes.gt(ZERO)) governance.delegateCount += 1;
  if (p.previousVotes.gt(ZERO) && p.newVotes.equals(ZERO)) governance.delegateCount -= 1;
  governance.save();
  const change = new VotingPowerChange(eventId(event));
  change.delegate = delegate.id;
  change.previousVotes = p.previousVotes;
  change.newVotes = p.newVotes;
  change.timestamp = event.block.timestamp;
  change.block = event.block.number;
  change.tx = event.transaction.hash;
  change.save();
}
