// Parses the evaluation receipt a voter's reason may carry: a line `modeldao-eval:v1 <json>` (format v1, written by
// the in-browser evaluation). Tolerant of garbage: anything malformed leaves the receipt fields null, never aborts.
import { json, JSONValue, JSONValueKind, TypedMap } from "@graphprotocol/graph-ts";
import { Vote } from "../generated/schema";

export const RECEIPT_PREFIX = "modeldao-eval:v1";

function field(object: TypedMap<string, JSONValue>, key: string): JSONValue | null {
  return object.get(key);
}

function stringField(object: TypedMap<string, JSONValue>, key: string): string | null {
  const value = field(object, key);
  if (value == null || value.kind != JSONValueKind.STRING) return null;
  return value.toString();
}

/** The number's decimal text as the host gave it, or null when the value is not a number. */
function numberText(object: TypedMap<string, JSONValue>, key: string): string | null {
  const value = field(object, key);
  if (value == null || value.kind != JSONValueKind.NUMBER) return null;
  return changetype<string>(value.data as u32);
}

function isDigit(c: i32): bool {
  return c >= 48 && c <= 57;
}

/** A non-negative integer below 10^9 written as plain digits, else -1. */
export function parseCount(text: string | null): i32 {
  if (text == null) return -1;
  const s = text as string;
  if (s.length == 0 || s.length > 9) return -1;
  let n: i32 = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!isDigit(c)) return -1;
    n = n * 10 + (c - 48);
  }
  return n;
}

/** A fraction in [0, 1] written as `0.9715` / `1` / `1.0` to basis points (half up on the fifth decimal), else -1. */
export function parseBps(text: string | null): i32 {
  if (text == null) return -1;
  const s = text as string;
  const dot = s.indexOf(".");
  const whole = dot < 0 ? s : s.substring(0, dot);
  const fraction = dot < 0 ? "" : s.substring(dot + 1);
  if (whole != "0" && whole != "1") return -1;
  if (dot >= 0 && fraction.length == 0) return -1;
  let bps: i32 = whole == "1" ? 10000 : 0;
  let scale: i32 = 1000;
  for (let i = 0; i < fraction.length; i++) {
    const c = fraction.charCodeAt(i);
    if (!isDigit(c)) return -1;
    if (i < 4) {
      bps += (c - 48) * scale;
      scale /= 10;
    } else if (i == 4 && c >= 53) {
      bps += 1;
    }
  }
  return bps > 10000 ? -1 : bps;
}

/** Sets the receipt fields of `vote` from `reason`; all null (hasReceipt false) when there is no valid receipt. */
export function applyReceipt(vote: Vote, reason: string): void {
  vote.hasReceipt = false;
  const lines = reason.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line.startsWith(RECEIPT_PREFIX)) continue;
    const payload = line.substring(RECEIPT_PREFIX.length).trim();
    if (payload.length == 0) return;
    const parsed = json.try_fromString(payload);
    if (parsed.isError) return;
    const value = parsed.value;
    if (value.kind != JSONValueKind.OBJECT) return;
    const object = value.toObject();
    vote.hasReceipt = true;
    vote.receiptModel = stringField(object, "model");
    vote.receiptCid = stringField(object, "cid");
    vote.receiptDatasetCid = stringField(object, "dataset");
    vote.receiptBackend = stringField(object, "backend");
    vote.receiptTool = stringField(object, "tool");
    const version = parseCount(numberText(object, "version"));
    if (version >= 0) vote.receiptVersion = version;
    const samples = parseCount(numberText(object, "samples"));
    if (samples >= 0) vote.receiptSamples = samples;
    const candidate = parseBps(numberText(object, "candidateAccuracy"));
    if (candidate >= 0) vote.receiptCandidateAccuracyBps = candidate;
    const active = parseBps(numberText(object, "activeAccuracy"));
    if (active >= 0) vote.receiptActiveAccuracyBps = active;
    return;
  }
}
