// Treasury: ETH deposits, payouts and vesting grants.
import { Deposited, GrantCanceled, GrantCreated, GrantReleased, PaidOut } from "../generated/Treasury/Treasury";
import { Grant, GrantRelease, TreasuryDeposit, TreasuryPayout } from "../generated/schema";
import { eventId, ZERO } from "./common";

export function handleDeposited(event: Deposited): void {
  const deposit = new TreasuryDeposit(eventId(event));
  deposit.from = event.params.from;
  deposit.amount = event.params.amount;
  deposit.timestamp = event.block.timestamp;
  deposit.block = event.block.number;
  deposit.tx = event.transaction.hash;
  deposit.save();
}

export function handlePaidOut(event: PaidOut): void {
  const payout = new TreasuryPayout(eventId(event));
  payout.token = event.params.token;
  payout.to = event.params.to;
  payout.amount = event.params.amount;
  payout.memo = event.params.memo;
  payout.timestamp = event.block.timestamp;
  payout.block = event.block.number;
  payout.tx = event.transaction.hash;
  payout.save();
}

export function handleGrantCreated(event: GrantCreated): void {
  const p = event.params;
  const grant = new Grant(p.grantId.toString());
  grant.beneficiary = p.beneficiary;
  grant.token = p.token;
  grant.amount = p.amount;
  grant.start = p.start;
  grant.cliff = p.cliff;
  grant.duration = p.duration;
  grant.memo = p.memo;
  grant.released = ZERO;
  grant.canceled = false;
  grant.createdAt = event.block.timestamp;
  grant.createdTx = event.transaction.hash;
  grant.save();
}

export function handleGrantReleased(event: GrantReleased): void {
  const grant = Grant.load(event.params.grantId.toString());
  if (grant == null) return;
  grant.released = grant.released.plus(event.params.amount);
  grant.save();
  const release = new GrantRelease(eventId(event));
  release.grant = grant.id;
  release.beneficiary = event.params.beneficiary;
  release.amount = event.params.amount;
  release.timestamp = event.block.timestamp;
  release.block = event.block.number;
  release.tx = event.transaction.hash;
  release.save();
}

export function handleGrantCanceled(event: GrantCanceled): void {
  const grant = Grant.load(event.params.grantId.toString());
  if (grant == null) return;
  grant.canceled = true;
  grant.canceledAt = event.block.timestamp;
  grant.vestedAtCancel = event.params.vested;
  grant.returnedAtCancel = event.params.returned;
  grant.cancelReason = event.params.reason;
  grant.save();
}
