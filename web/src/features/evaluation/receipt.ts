// Evaluation receipts: what a voter measured, carried in the vote's on-chain reason as one machine-readable line
// under a human sentence. The subgraph parses the same line (subgraph/src/receipt.ts). Pure and light: it is part of
// the proposal page's main chunk, so it imports nothing heavy.
export const RECEIPT_PREFIX = "modeldao-eval:v1 ";
export const TOOL_VERSION = "modeldao/0.1.0";

export type Receipt = {
  model: string;
  version: number;
  cid: string;
  dataset: string;
  samples: number;
  backend: "webgpu" | "webgl" | "wasm" | "cpu";
  candidateAccuracy: number;
  activeAccuracy: number;
  tool: string;
};

const BACKENDS = new Set(["webgpu", "webgl", "wasm", "cpu"]);

export function formatReceipt(receipt: Receipt): string {
  const human =
    `I evaluated ${receipt.model} v${receipt.version} in my browser on ${receipt.samples.toLocaleString("en-US")} ` +
    `whitelisted samples (${receipt.backend}): ${percent(receipt.candidateAccuracy)} accuracy vs ` +
    `${percent(receipt.activeAccuracy)} for the active version.`;
  return `${human}\n${RECEIPT_PREFIX}${JSON.stringify(receipt)}`;
}

function percent(value: number): string {
  return `${(value * 100).toFixed(2)}%`;
}

function isText(value: unknown, max = 200): value is string {
  return typeof value === "string" && value.length > 0 && value.length <= max;
}

function isFraction(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 && value <= 1;
}

function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value > 0;
}

/** The receipt in a vote reason, or null when there is none or it is malformed in any way. Never throws. */
export function parseReceipt(reason: unknown): Receipt | null {
  if (typeof reason !== "string" || reason.length > 10_000) return null;
  const line = reason.split("\n").find((candidate) => candidate.startsWith(RECEIPT_PREFIX));
  if (!line) return null;
  let value: unknown;
  try {
    value = JSON.parse(line.slice(RECEIPT_PREFIX.length));
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  const r = value as Record<string, unknown>;
  if (!isText(r.model, 32) || !isCount(r.version) || !isText(r.cid) || !isText(r.dataset)) return null;
  if (!isCount(r.samples) || typeof r.backend !== "string" || !BACKENDS.has(r.backend)) return null;
  if (!isFraction(r.candidateAccuracy) || !isFraction(r.activeAccuracy) || !isText(r.tool, 64)) return null;
  return {
    model: r.model,
    version: r.version,
    cid: r.cid,
    dataset: r.dataset,
    samples: r.samples,
    backend: r.backend as Receipt["backend"],
    candidateAccuracy: r.candidateAccuracy,
    activeAccuracy: r.activeAccuracy,
    tool: r.tool,
  };
}

export type ReceiptVote = { voter: string; support: number; reason: string };

export type ReceiptSummary = {
  /** Receipts about this candidate (same CID when one is given). */
  matching: { voter: string; receipt: Receipt; disagrees: boolean }[];
  /** Receipts that name another model version or CID: shown as such, not counted. */
  otherCandidate: { voter: string; receipt: Receipt }[];
  candidateRange: [number, number] | null;
};

/** Tolerance when comparing a voter's receipt with one's own measurement: same samples give identical accuracy. */
export const AGREEMENT_TOLERANCE = 0.0005;

export function summarizeReceipts(
  votes: readonly ReceiptVote[],
  expected: { cid?: string; model?: string; version?: number },
  own?: { candidate: number; active: number },
): ReceiptSummary {
  const matching: ReceiptSummary["matching"] = [];
  const otherCandidate: ReceiptSummary["otherCandidate"] = [];
  for (const vote of votes) {
    const receipt = parseReceipt(vote.reason);
    if (!receipt) continue;
    const sameCandidate =
      (expected.cid === undefined || receipt.cid === expected.cid) &&
      (expected.version === undefined || receipt.version === expected.version) &&
      (expected.model === undefined || receipt.model === expected.model);
    if (!sameCandidate) {
      otherCandidate.push({ voter: vote.voter, receipt });
      continue;
    }
    const disagrees =
      own !== undefined &&
      (Math.abs(receipt.candidateAccuracy - own.candidate) > AGREEMENT_TOLERANCE ||
        Math.abs(receipt.activeAccuracy - own.active) > AGREEMENT_TOLERANCE);
    matching.push({ voter: vote.voter, receipt, disagrees });
  }
  const accuracies = matching.map((entry) => entry.receipt.candidateAccuracy);
  return {
    matching,
    otherCandidate,
    candidateRange: accuracies.length ? [Math.min(...accuracies), Math.max(...accuracies)] : null,
  };
}
