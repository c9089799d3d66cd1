import { ProgressBar } from "../../../shared/ui/ProgressBar.tsx";
import type { UploadState } from "./usePublication.ts";

/** Bytes sent to the content node, then its confirmation that it stored them under the CID computed here. */
export function UploadProgressBar({
  state,
  onCancel,
  showFailure = true,
}: {
  state: UploadState;
  onCancel: () => void;
  /** Off where the failure is already told elsewhere (the transaction notice of the step that uploaded). */
  showFailure?: boolean;
}) {
  if (state.phase === "idle" || (state.phase === "failed" && !showFailure)) return null;
  if (state.phase === "failed")
    return (
      <p className="notice notice--danger" role="alert">
        {state.message}
      </p>
    );
  if (state.phase === "uploaded")
    return (
      <p className="notice notice--ok" role="status">
        Uploaded: the content node stored the files under <span className="mono">{state.cid}</span>.
      </p>
    );
  const { progress } = state;
  const fraction = progress.total > 0 ? progress.loaded / progress.total : 0;
  const text =
    progress.phase === "hashing"
      ? "Computing the content address…"
      : `Uploading — ${(progress.loaded / 1e6).toFixed(2)} of ${(progress.total / 1e6).toFixed(2)} MB`;
  return (
    <div className="stack" style={{ gap: "var(--space-1)" }}>
      <ProgressBar label="Upload progress" fraction={fraction} />
      <div className="row">
        <p className="small muted" role="status" aria-live="polite" style={{ margin: 0 }}>
          {text}
        </p>
        <button type="button" className="button button--ghost button--small" onClick={onCancel}>
          Cancel upload
        </button>
      </div>
    </div>
  );
}
