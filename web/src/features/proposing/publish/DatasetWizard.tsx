import { DirectorySummary } from "./DirectorySummary.tsx";
import { FilePicker } from "./FilePicker.tsx";
import { UploadProgressBar } from "./UploadProgressBar.tsx";
import { useDatasetProposal } from "./useDatasetProposal.ts";
import type { ProposalDraft } from "./useModelSubmission.ts";

/** Dataset whitelisting: pick the directory → provenance from its card, CID computed here → upload → add the approval. */
export function DatasetWizard({ onReady }: { onReady: (draft: ProposalDraft) => void }) {
  const wizard = useDatasetProposal(onReady);
  const { state } = wizard.directory;
  const ready = state.phase === "ready" ? state : null;
  return (
    <div className="stack" aria-label="Whitelist a dataset" role="form">
      <FilePicker
        label="Drop the dataset directory"
        hint="its data files and card.json naming the license, source and creator (they become its on-chain provenance)"
        onPick={(read) => void wizard.directory.choose(read)}
      />
      <DirectorySummary state={state} />
      {ready ? (
        <>
          <dl className="dl" data-testid="dataset-provenance">
            <dt>License</dt>
            <dd>{ready.prepared.license}</dd>
            <dt>Source</dt>
            <dd>{ready.prepared.source}</dd>
            <dt>Creator</dt>
            <dd>{ready.prepared.creator}</dd>
          </dl>
          <label className="field">
            <span>
              Dataset id <span className="hint">(a short name, stored on chain; never reused)</span>
            </span>
            <input value={wizard.id} onChange={(event) => wizard.setId(event.target.value)} />
          </label>
          {wizard.taken ? (
            <p className="field error" role="alert">
              This id is already {wizard.taken.toLowerCase()}; choose another.
            </p>
          ) : null}
          {wizard.problem ? (
            <p className="field error" role="alert">
              {wizard.problem}
            </p>
          ) : null}
          <div>
            <button
              type="button"
              className="button"
              disabled={wizard.upload.state.phase === "uploading" || !!wizard.taken}
              onClick={() => void wizard.add()}
            >
              Upload and add the approval
            </button>
          </div>
          <UploadProgressBar state={wizard.upload.state} onCancel={wizard.upload.cancel} showFailure={false} />
        </>
      ) : null}
    </div>
  );
}
