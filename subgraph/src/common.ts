// Shared helpers of the ModelDAO mappings: ids, the Governance singleton, token accounts and models.
import { Address, BigInt, Bytes, ethereum } from "@graphprotocol/graph-ts";
import { Delegate, Governance, Model } from "../generated/schema";

export const GOVERNANCE_ID = "governance";
export const ZERO = BigInt.zero();

/** "<tx hash>-<log index>": the id of an entity that records one event. */
export function eventId(event: ethereum.Event): string {
  return event.transaction.hash.toHexString() + "-" + event.logIndex.toString();
}

export function isZeroAddress(address: Address): boolean {
  for (let i = 0; i < address.length; i++) {
    if (address[i] != 0) return false;
  }
  return true;
}

/** A bytes32 id as its ASCII name (zero padding removed), or its hex when it is not printable ASCII. */
export function nameOf(id: Bytes): string {
  let end = id.length;
  while (end > 0 && id[end - 1] == 0) end--;
  let name = "";
  for (let i = 0; i < end; i++) {
    const c = id[i];
    if (c < 32 || c > 126) return id.toHexString();
    name += String.fromCharCode(c);
  }
  return name;
}

export function loadGovernance(): Governance {
  let governance = Governance.load(GOVERNANCE_ID);
  if (governance == null) {
    governance = new Governance(GOVERNANCE_ID);
    governance.proposalCount = 0;
    governance.proposalsQueued = 0;
    governance.proposalsExecuted = 0;
    governance.proposalsCanceled = 0;
    governance.proposalsExtended = 0;
    governance.voteCount = 0;
    governance.votesFor = 0;
    governance.votesAgainst = 0;
    governance.votesAbstain = 0;
    governance.delegateCount = 0;
    governance.totalVotingPower = ZERO;
    governance.tokenTotalSupply = ZERO;
    governance.quorumNumerator = ZERO;
    governance.quorumDenominator = BigInt.fromI32(100);
    governance.votingDelay = ZERO;
    governance.votingPeriod = ZERO;
    governance.proposalThreshold = ZERO;
    governance.lateQuorumVoteExtension = ZERO;
  }
  return governance;
}

export function loadDelegate(address: Address): Delegate {
  const id = address.toHexString();
  let delegate = Delegate.load(id);
  if (delegate == null) {
    delegate = new Delegate(id);
    delegate.address = address;
    delegate.votingPower = ZERO;
    delegate.delegatorCount = 0;
  }
  return delegate;
}

/** A model can be paused by the kill switch before its first version exists, so either side may create it. */
export function loadModel(modelId: Bytes, timestamp: BigInt): Model {
  const id = modelId.toHexString();
  let model = Model.load(id);
  if (model == null) {
    model = new Model(id);
    model.name = nameOf(modelId);
    model.versionCount = 0;
    model.activeVersionNumber = 0;
    model.createdAt = timestamp;
    model.paused = false;
  }
  return model;
}

export function versionId(modelId: Bytes, version: i32): string {
  return modelId.toHexString() + "-" + version.toString();
}
