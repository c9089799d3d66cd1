import { shortAddress } from "../../shared/format.ts";
import { summarizeReceipts, type ReceiptVote } from "./receipt.ts";

/** What other voters measured, parsed from their vote reasons. Malformed receipts are ignored, never fatal. */
export function EvaluationReceipts({
  votes,
  expected,
  own,
}: {
  votes: readonly ReceiptVote[];
  expected: { cid?: string; model?: string; version?: number };
  own?: { candidate: number; active: number };
}) {
  const summary = summarizeReceipts(votes, expected, own);
  if (summary.matching.length === 0 && summary.otherCandidate.length === 0) return null;
  const range = summary.candidateRange;
  const disagreeing = summary.matching.filter((entry) => entry.disagrees);
  return (
    <div className="notice" data-testid="receipt-summary">
      {summary.matching.length ? (
        <p style={{ margin: 0 }}>
          {summary.matching.length} {summary.matching.length === 1 ? "voter" : "voters"} evaluated this candidate:
          measured accuracy{" "}
          {range && range[0] === range[1]
            ? `${(range[0] * 100).toFixed(1)}%`
            : `${((range?.[0] ?? 0) * 100).toFixed(1)}–${((range?.[1] ?? 0) * 100).toFixed(1)}%`}
          .
        </p>
      ) : null}
      {disagreeing.length ? (
        <p style={{ margin: 0 }} data-testid="receipt-disagreements">
          {disagreeing.map((entry) => shortAddress(entry.voter)).join(", ")}{" "}
          {disagreeing.length === 1 ? "reports" : "report"} results that differ from yours.
        </p>
      ) : null}
      {summary.otherCandidate.length ? (
        <p style={{ margin: 0 }} className="small muted">
          {summary.otherCandidate.length} receipt(s) name another model version or CID and are not counted.
        </p>
      ) : null}
    </div>
  );
}
