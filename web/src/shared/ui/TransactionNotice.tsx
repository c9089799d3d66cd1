import type { TransactionStatus } from "../chain/useTransaction.ts";
import { shortAddress } from "../format.ts";

const PHASE_TEXT = {
  simulating: "Checking that this will succeed…",
  signing: "Confirm in your wallet…",
  pending: "Waiting for the transaction to be mined…",
} as const;

/** The one place a transaction's progress and outcome are shown; announced to screen readers. */
export function TransactionNotice({ status, success }: { status: TransactionStatus; success?: string }) {
  if (status.phase === "idle") return null;
  if (status.phase === "simulating" || status.phase === "signing" || status.phase === "pending")
    return (
      <p className="notice" role="status" aria-live="polite">
        {PHASE_TEXT[status.phase]}
        {status.phase === "pending" ? <span className="mono small"> {shortAddress(status.hash)}</span> : null}
      </p>
    );
  if (status.phase === "confirmed")
    return (
      <p className="notice notice--ok" role="status" aria-live="polite">
        {success ?? "Confirmed."} <span className="mono small">{shortAddress(status.hash)}</span>
      </p>
    );
  if (status.phase === "rejected")
    return (
      <p className="notice" role="status" aria-live="polite">
        {status.message}
      </p>
    );
  return (
    <p className="notice notice--danger" role="alert">
      {status.message}
    </p>
  );
}
