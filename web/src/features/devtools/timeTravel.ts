// Local-chain time travel: presets, the custom duration syntax of `npm run chain:advance` (s, m, h, d), and how far
// the chain's clock has run from the wall clock.
import { formatDuration } from "../../shared/format.ts";

export const TIME_PRESETS = [
  { label: "1 hour", seconds: 3_600 },
  { label: "1 day", seconds: 86_400 },
  { label: "3 days", seconds: 3 * 86_400 },
] as const;

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3_600, d: 86_400 };

/** A year is far beyond any governance delay; a larger jump is almost surely a typo. */
export const MAX_ADVANCE_SECONDS = 365 * 86_400;

export type DurationCheck = { ok: true; seconds: number } | { ok: false; message: string };

/** "90" (seconds), "45m", "2h", "3d", or groups such as "1d 12h". */
export function parseDuration(input: string): DurationCheck {
  const text = input.trim().toLowerCase();
  if (!text) return { ok: false, message: "Enter a duration, e.g. 90m, 2h or 3d." };
  let seconds = 0;
  if (/^\d+$/.test(text)) seconds = Number(text);
  else {
    const groups = text.split(/\s+/);
    for (const group of groups) {
      const match = /^(\d+)([smhd])$/.exec(group);
      if (!match) return { ok: false, message: `“${group}” is not a duration: use a number with s, m, h or d.` };
      seconds += Number(match[1]) * UNIT_SECONDS[match[2]];
    }
  }
  if (seconds <= 0) return { ok: false, message: "The duration must be more than zero." };
  if (seconds > MAX_ADVANCE_SECONDS) return { ok: false, message: "At most one year at a time." };
  return { ok: true, seconds };
}

/** Positive when the chain's clock is ahead of the wall clock. */
export function clockDrift(chainTime: number, wallTime: number): number {
  return chainTime - wallTime;
}

export function describeDrift(driftSeconds: number): string {
  if (Math.abs(driftSeconds) < 60) return "in step with the wall clock";
  const amount = formatDuration(Math.abs(driftSeconds));
  return driftSeconds > 0 ? `${amount} ahead of the wall clock` : `${amount} behind the wall clock`;
}
