import { formatBps } from "../../../shared/format.ts";
import { TransactionNotice } from "../../../shared/ui/TransactionNotice.tsx";
import { DirectorySummary } from "./DirectorySummary.tsx";
import { FilePicker } from "./FilePicker.tsx";
import { UploadProgressBar } from "./UploadProgressBar.tsx";
import { useModelSubmission, type ProposalDraft } from "./useModelSubmission.ts";
import type { SubmissionChoices } from "./submission.ts";
import { useDatasets } from "../../registry/useRegistry.ts";

const FIELDS: { name: keyof SubmissionChoices; label: string; hint: string }[] = [
  { name: "model", label: "Model", hint: "the registry name, e.g. digits" },
  { name: "training", label: "Training datasets", hint: "whitelisted ids, comma-separated" },
  { name: "evaluation", label: "Evaluation dataset", hint: "the whitelisted set voters measure it on" },
  { name: "parent", label: "Parent version", hint: "the version this one improves on; 0 for none" },
];

/**
 * Model upgrade, step by step: pick the model directory → its manifest and CID are computed here → choose the model
 * and datasets → upload and submit the candidate → the activation is added to the proposal below.
 */
export function ModelUpgradeWizard({ onSubmitted }: { onSubmitted: (draft: ProposalDraft) => void }) {
  const wizard = useModelSubmission(onSubmitted);
  const datasets = useDatasets();
  const { state } = wizard.directory;
  const ready = state.phase === "ready" ? state : null;
  return (
    <div className="stack" aria-label="Upgrade a model" role="form">
      <FilePicker
        label="Drop the model directory"
        hint="model.json, its weight shards and card.json (with the claim); the content address is computed in this browser"
        onPick={(read) => void wizard.directory.choose(read)}
      />
      <DirectorySummary state={state} />
      {ready ? (
        <>
          <p className="small" data-testid="claimed-metrics">
            The card claims accuracy {formatBps(ready.prepared.claimedAccuracyBps)} and macro-F1{" "}
            {formatBps(ready.prepared.claimedMacroF1Bps)} on its evaluation dataset. Voters will re-measure both.
          </p>
          {wizard.isMaintainer === false ? (
            <p className="notice notice--warn">
              This account is not a maintainer: only maintainers submit versions, and governance grants the role.
            </p>
          ) : null}
          <datalist id="whitelisted-datasets">
            {(datasets.data ?? [])
              .filter((d) => d.status === "Approved")
              .map((d) => (
                <option key={d.id} value={d.name} />
              ))}
          </datalist>
          {FIELDS.map((field) => (
            <label key={field.name} className="field">
              <span>
                {field.label} <span className="hint">({field.hint})</span>
              </span>
              <input
                value={wizard.choices[field.name]}
                list={field.name === "model" || field.name === "parent" ? undefined : "whitelisted-datasets"}
                onChange={(event) => wizard.setChoice(field.name, event.target.value)}
              />
            </label>
          ))}
          {wizard.problem ? (
            <p className="field error" role="alert">
              {wizard.problem}
            </p>
          ) : null}
          <div>
            <button
              type="button"
              className="button"
              disabled={wizard.transaction.busy}
              onClick={() => void wizard.submit()}
            >
              Upload and submit the candidate
            </button>
          </div>
          <UploadProgressBar state={wizard.upload.state} onCancel={wizard.upload.cancel} showFailure={false} />
          <TransactionNotice
            status={wizard.transaction.status}
            success="Candidate submitted. Its activation is in the proposal: describe it and propose."
          />
        </>
      ) : null}
    </div>
  );
}
