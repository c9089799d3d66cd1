// Mirrors of Treasury.sol's vesting arithmetic and the treasury page's derivations, so the page can show a grant's
// schedule at the chain's time (which a local chain may have advanced) without one call per number.
import { zeroAddress, type Address } from "viem";

export type GrantTerms = {
  amount: bigint;
  released: bigint;
  start: number;
  cliff: number;
  duration: number;
  canceled: boolean;
};

/** Treasury._vested: nothing before start + cliff, linear to start + duration; a canceled grant keeps what vested. */
export function vestedAt(grant: GrantTerms, timestamp: number): bigint {
  if (grant.canceled) return grant.amount;
  if (timestamp < grant.start + grant.cliff) return 0n;
  if (timestamp >= grant.start + grant.duration) return grant.amount;
  return (grant.amount * BigInt(timestamp - grant.start)) / BigInt(grant.duration);
}

/** Treasury.releasable at a given time: vested minus what was already paid out. */
export function releasableAt(grant: GrantTerms, timestamp: number): bigint {
  const releasable = vestedAt(grant, timestamp) - grant.released;
  return releasable > 0n ? releasable : 0n;
}

export type GrantPhase = "canceled" | "before-cliff" | "vesting" | "fully-vested" | "completed";

export function grantPhase(grant: GrantTerms, timestamp: number): GrantPhase {
  if (grant.canceled) return grant.released >= grant.amount ? "completed" : "canceled";
  if (grant.released >= grant.amount && grant.amount > 0n) return "completed";
  if (timestamp < grant.start + grant.cliff) return "before-cliff";
  if (timestamp < grant.start + grant.duration) return "vesting";
  return "fully-vested";
}

export function grantSchedule(grant: GrantTerms): { startsAt: number; cliffEndsAt: number; fullyVestedAt: number } {
  return { startsAt: grant.start, cliffEndsAt: grant.start + grant.cliff, fullyVestedAt: grant.start + grant.duration };
}

/** Share of the grant vested, 0..1, for a progress bar. */
export function vestedFraction(grant: GrantTerms, timestamp: number): number {
  if (grant.amount === 0n) return 0;
  return Number((vestedAt(grant, timestamp) * 10_000n) / grant.amount) / 10_000;
}

/** The Release button is offered only to the beneficiary, and enabled only when something can be released. */
export function releaseAvailability(
  beneficiary: Address,
  account: Address | undefined,
  releasable: bigint,
): "not-beneficiary" | "nothing-yet" | "ready" {
  if (!account || account.toLowerCase() !== beneficiary.toLowerCase()) return "not-beneficiary";
  return releasable > 0n ? "ready" : "nothing-yet";
}

export function isEth(token: Address): boolean {
  return token.toLowerCase() === zeroAddress;
}

export function assetSymbol(token: Address, governanceToken: Address, tokenSymbol: string): string {
  if (isEth(token)) return "ETH";
  if (token.toLowerCase() === governanceToken.toLowerCase()) return tokenSymbol;
  return "tokens";
}

export type Positioned = { blockNumber: bigint; logIndex: number };

/** Newest first: the page lists recent activity at the top. */
export function newestFirst<T extends Positioned>(items: T[]): T[] {
  return items.slice().sort((a, b) => {
    if (a.blockNumber !== b.blockNumber) return a.blockNumber > b.blockNumber ? -1 : 1;
    return b.logIndex - a.logIndex;
  });
}
