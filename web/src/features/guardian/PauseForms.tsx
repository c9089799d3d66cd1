import { useId, useState } from "react";
import type { Hex } from "viem";
import { abis } from "../../contracts/abis.ts";
import { contractAddress } from "../../config/deployment.ts";
import { useTransaction, type TransactionStatus } from "../../shared/chain/useTransaction.ts";
import { TransactionNotice } from "../../shared/ui/TransactionNotice.tsx";
import type { ModelSummary } from "../registry/useRegistry.ts";
import { ReasonForm } from "./ReasonForm.tsx";

/** A fresh, empty form after each confirmed pause, so a reason is never reused by accident. */
function formKey(status: TransactionStatus): string {
  return status.phase === "confirmed" ? status.hash : "form";
}

export function PauseAllForm({ alreadyPaused }: { alreadyPaused: boolean }) {
  const { send, status, busy } = useTransaction();
  const pause = (reason: string) =>
    void send({ address: contractAddress("killSwitch"), abi: abis.killSwitch, functionName: "pause", args: [reason] });
  return (
    <section className="card stack" aria-labelledby="pause-all-title">
      <h2 id="pause-all-title">Pause every model</h2>
      {alreadyPaused ? (
        <p className="muted">Everything is already paused. Only a governance proposal can unpause.</p>
      ) : (
        <ReasonForm
          label="Reason (shown on every page)"
          submitLabel="Pause everything"
          disabled={busy}
          onSubmit={pause}
        />
      )}
      <TransactionNotice status={status} success="Every model is paused." />
    </section>
  );
}

export function PauseModelForm({ models, pausedIds }: { models: ModelSummary[]; pausedIds: Set<string> }) {
  const { send, status, busy } = useTransaction();
  const selectable = models.filter((model) => !pausedIds.has(model.id.toLowerCase()));
  const [selected, setSelected] = useState<Hex | "">("");
  const selectId = useId();
  // A model paused meanwhile drops out of the list; fall back to the first one still selectable.
  const modelId = selectable.some((model) => model.id === selected) ? selected : selectable[0]?.id;
  const pause = (reason: string) => {
    if (!modelId) return;
    void send({
      address: contractAddress("killSwitch"),
      abi: abis.killSwitch,
      functionName: "pauseModel",
      args: [modelId, reason],
    });
  };
  return (
    <section className="card stack" aria-labelledby="pause-model-title">
      <h2 id="pause-model-title">Pause one model</h2>
      {selectable.length === 0 ? (
        <p className="muted">Every model is already paused.</p>
      ) : (
        <ReasonForm
          key={formKey(status)}
          label="Reason (shown on the model's pages)"
          submitLabel="Pause this model"
          disabled={busy}
          onSubmit={pause}
        >
          <label className="field" htmlFor={selectId}>
            <span>Model</span>
            <select id={selectId} value={modelId} onChange={(event) => setSelected(event.target.value as Hex)}>
              {selectable.map((model) => (
                <option key={model.id} value={model.id}>
                  {model.name} {model.activeVersion ? `(v${model.activeVersion} active)` : "(none active)"}
                </option>
              ))}
            </select>
          </label>
        </ReasonForm>
      )}
      <TransactionNotice status={status} success="The model is paused." />
    </section>
  );
}
