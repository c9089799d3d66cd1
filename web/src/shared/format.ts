// Pure formatting used across features; every function is unit-tested in web/test/shared/format.test.ts.
import { formatUnits, hexToString, stringToHex, type Address, type Hex } from "viem";

export function shortAddress(address: Address | string): string {
  return address.length > 12 ? `${address.slice(0, 6)}…${address.slice(-4)}` : address;
}

/** Registry ids are ASCII names right-padded to 32 bytes. Non-ASCII ids are shown as hex rather than garbled. */
export function idToName(id: Hex): string {
  try {
    const name = hexToString(id, { size: 32 }).replace(/\0+$/, "");
    return /^[\x20-\x7e]+$/.test(name) ? name : id;
  } catch {
    return id;
  }
}

export function nameToId(name: string): Hex {
  return stringToHex(name, { size: 32 });
}

/** 1234567.891 MDAO → "1,234,567.89"; amounts under 0.01 keep significant digits instead of showing 0. */
export function formatAmount(value: bigint, decimals = 18, maxFraction = 2): string {
  const text = formatUnits(value, decimals);
  const [whole, fraction = ""] = text.split(".");
  const negative = whole.startsWith("-");
  const wholeDigits = negative ? whole.slice(1) : whole;
  const grouped = wholeDigits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  let shown = fraction.slice(0, maxFraction).replace(/0+$/, "");
  if (!shown && value !== 0n && wholeDigits === "0") {
    const firstSignificant = fraction.search(/[1-9]/);
    shown = fraction.slice(0, firstSignificant + 2).replace(/0+$/, "");
  }
  return `${negative ? "-" : ""}${grouped}${shown ? `.${shown}` : ""}`;
}

/** 2_345_678 → "2.35 MB", 4_096 → "4.1 kB", 512 → "512 B" (decimal units, as file managers show them). */
export function formatBytes(bytes: number): string {
  return bytes >= 1e6
    ? `${(bytes / 1e6).toFixed(2)} MB`
    : bytes >= 1e3
      ? `${(bytes / 1e3).toFixed(1)} kB`
      : `${bytes} B`;
}

export function formatBps(bps: number): string {
  return `${(bps / 100).toFixed(2)}%`;
}

export function formatPercent(fraction: number, digits = 1): string {
  return `${(fraction * 100).toFixed(digits)}%`;
}

const UNITS: [string, number][] = [
  ["d", 86_400],
  ["h", 3_600],
  ["m", 60],
  ["s", 1],
];

/** 93_784 → "1d 2h"; at most two units, so "ends in 1d 2h" reads at a glance. */
export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  if (total === 0) return "0s";
  const parts: string[] = [];
  let rest = total;
  for (const [unit, size] of UNITS) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
    if (parts.length === 2) break;
  }
  return parts.join(" ");
}

export function formatTimestamp(seconds: number | bigint): string {
  const date = new Date(Number(seconds) * 1000);
  return date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

export function formatCount(n: number, singular: string, plural = `${singular}s`): string {
  return `${n.toLocaleString()} ${n === 1 ? singular : plural}`;
}
