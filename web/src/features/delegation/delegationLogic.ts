// Delegation's pure rules: why an account's voting power is what it is, which delegatee input is acceptable, the
// EIP-712 message `delegateBySig` checks, and the ranking of delegates.
import { getAddress, isAddress, parseSignature, zeroAddress, type Address, type Hex } from "viem";

export type HolderState = { account: Address; balance: bigint; votes: bigint; delegate: Address };

export type VotingPowerCase =
  "no-tokens" | "never-delegated" | "delegated-to-other" | "self-delegated" | "receives-delegations";

export type VotingPowerExplanation = { kind: VotingPowerCase; zeroPower: boolean; message: string };

const same = (a: Address, b: Address) => a.toLowerCase() === b.toLowerCase();

/**
 * Says in words why the account has the voting power it has. ERC20Votes counts a balance only once it is delegated
 * (to oneself included), which surprises most holders: the "never delegated" case is the one this page exists for.
 */
export function explainVotingPower(state: HolderState, format: (value: bigint) => string): VotingPowerExplanation {
  const { account, balance, votes, delegate } = state;
  const neverDelegated = same(delegate, zeroAddress);
  if (neverDelegated && balance > 0n)
    return {
      kind: "never-delegated",
      zeroPower: votes === 0n,
      message:
        votes === 0n
          ? `You hold ${format(balance)} but your voting power is zero: you have never delegated, and tokens do not count until they are delegated — even to yourself. Delegate to yourself to vote, or to someone you trust.`
          : `You hold ${format(balance)} that do not count yet: you have never delegated them, not even to yourself. Your voting power of ${format(votes)} comes from others' delegations. Delegate to yourself to add your own tokens.`,
    };
  if (!neverDelegated && !same(delegate, account))
    return {
      kind: "delegated-to-other",
      zeroPower: votes === 0n,
      message:
        votes === 0n
          ? `Your voting power is zero because you delegated your ${format(balance)} to ${delegate}, who votes with them. Delegate to yourself to vote directly.`
          : `Your ${format(balance)} count for ${delegate}. Your own voting power of ${format(votes)} comes from others' delegations to you.`,
    };
  if (!neverDelegated && same(delegate, account))
    return {
      kind: "self-delegated",
      zeroPower: votes === 0n,
      message:
        votes > balance
          ? `You vote with your own tokens plus ${format(votes - balance)} that others delegated to you.`
          : votes === 0n
            ? "You delegated to yourself, but you hold no tokens now, so your voting power is zero."
            : "You vote with your own tokens.",
    };
  if (votes > 0n)
    return {
      kind: "receives-delegations",
      zeroPower: false,
      message: `You hold no tokens, but others delegated ${format(votes)} to you: you vote with theirs.`,
    };
  return {
    kind: "no-tokens",
    zeroPower: true,
    message: "This account holds no tokens and nobody delegated to it, so its voting power is zero.",
  };
}

export type DelegateeCheck = { ok: true; address: Address } | { ok: false; message: string };

export function validateDelegatee(input: string): DelegateeCheck {
  const text = input.trim();
  if (!text) return { ok: false, message: "Enter the address to delegate to." };
  if (!isAddress(text, { strict: false }))
    return { ok: false, message: "This is not an Ethereum address (0x and 40 hex digits)." };
  if (!isAddress(text, { strict: true }))
    return { ok: false, message: "The address's capitalisation (its checksum) does not match: check for a typo." };
  const address = getAddress(text);
  if (address === zeroAddress)
    return { ok: false, message: "Delegating to the zero address would throw your voting power away." };
  return { ok: true, address };
}

/** `eip712Domain()` as the token returns it: fields bitmask, name, version, chainId, verifyingContract, salt, extensions. */
export type Eip712DomainResult = readonly [Hex, string, string, bigint, Address, Hex, readonly bigint[]];

export type TypedDomain = {
  name?: string;
  version?: string;
  chainId?: number;
  verifyingContract?: Address;
  salt?: Hex;
};

/** Only the fields the contract says it uses (ERC-5267 bitmask) go into the domain, or the digest would differ. */
export function domainFromEip712(result: Eip712DomainResult): TypedDomain {
  const [fields, name, version, chainId, verifyingContract, salt] = result;
  const bits = parseInt(fields, 16);
  const domain: TypedDomain = {};
  if (bits & 0x01) domain.name = name;
  if (bits & 0x02) domain.version = version;
  if (bits & 0x04) domain.chainId = Number(chainId);
  if (bits & 0x08) domain.verifyingContract = verifyingContract;
  if (bits & 0x10) domain.salt = salt;
  return domain;
}

export const DELEGATION_TYPES = {
  Delegation: [
    { name: "delegatee", type: "address" },
    { name: "nonce", type: "uint256" },
    { name: "expiry", type: "uint256" },
  ],
} as const;

export function delegationTypedData(
  domain: TypedDomain,
  message: { delegatee: Address; nonce: bigint; expiry: bigint },
) {
  return { domain, types: DELEGATION_TYPES, primaryType: "Delegation" as const, message };
}

/** A signature is valid for an hour of chain time: long enough to submit, short enough not to linger. */
export const SIGNATURE_LIFETIME_SECONDS = 3_600;

export function signatureExpiry(chainNow: number, lifetime = SIGNATURE_LIFETIME_SECONDS): bigint {
  return BigInt(chainNow + lifetime);
}

/** `delegateBySig` takes v, r, s; wallets may return v as 27/28 or as a y-parity of 0/1. */
export function splitSignature(signature: Hex): { v: number; r: Hex; s: Hex } {
  const parsed = parseSignature(signature);
  const v = parsed.v !== undefined ? Number(parsed.v) : 27 + parsed.yParity;
  return { v, r: parsed.r, s: parsed.s };
}

export type DelegateRank = { address: Address; votes: bigint };

/** Delegates with voting power, most first; ties keep a stable order by address. */
export function rankDelegates(delegates: DelegateRank[], limit = 10): DelegateRank[] {
  return delegates
    .filter((entry) => entry.votes > 0n)
    .sort((a, b) => (a.votes === b.votes ? a.address.localeCompare(b.address) : a.votes > b.votes ? -1 : 1))
    .slice(0, limit);
}

/** Every address that ever had voting power changed, once each. */
export function delegateCandidates(events: { delegate: Address }[]): Address[] {
  const seen = new Map<string, Address>();
  for (const event of events) seen.set(event.delegate.toLowerCase(), event.delegate);
  return [...seen.values()];
}

export function shareOf(votes: bigint, total: bigint): number {
  if (total === 0n) return 0;
  return Number((votes * 1_000_000n) / total) / 1_000_000;
}
