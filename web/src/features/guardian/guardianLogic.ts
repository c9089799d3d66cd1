// The guardian page's rules: who may use which power, that a pause always carries a reason, and which proposals can
// still be canceled (and with which description hash the Governor recognises them).
import { keccak256, toBytes, zeroAddress, type Address, type Hex } from "viem";

export type ReasonCheck = { ok: true; reason: string } | { ok: false; message: string };

/** The contract refuses an empty reason; whitespace alone would be as useless to the people reading the banner. */
export function validateReason(input: string): ReasonCheck {
  const reason = input.trim();
  if (!reason) return { ok: false, message: "A reason is required: every page of the dApp shows it while paused." };
  return { ok: true, reason };
}

/** Governor states in which the proposal guardian may still cancel (before execution, not already final). */
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
export const CANCELLABLE_STATES = new Set([0, 1, 4, 5]);

export function proposalStateName(state: number): string {
  return PROPOSAL_STATES[state] ?? "Unknown";
}

export function isCancellable(state: number): boolean {
  return CANCELLABLE_STATES.has(state);
}

/** What `cancel` needs besides the actions: the hash of the exact description text, byte for byte. */
export function descriptionHash(description: string): Hex {
  return keccak256(toBytes(description));
}

/** A proposal's title: its first line without Markdown heading marks. */
export function proposalTitle(description: string): string {
  const first = description.split("\n").find((line) => line.trim()) ?? "";
  return first.replace(/^#+\s*/, "").trim() || "Untitled proposal";
}

export type GuardianPowers = { canPause: boolean; canCancel: boolean };

export function guardianPowers(
  account: Address | undefined,
  killSwitchGuardian: Address | undefined,
  proposalGuardian: Address | undefined,
): GuardianPowers {
  const is = (role: Address | undefined) =>
    account !== undefined && role !== undefined && role !== zeroAddress && account.toLowerCase() === role.toLowerCase();
  return { canPause: is(killSwitchGuardian), canCancel: is(proposalGuardian) };
}
