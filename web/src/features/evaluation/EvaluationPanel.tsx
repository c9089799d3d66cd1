import { lazy, Suspense, useEffect, useId, useState } from "react";
import type { Hex } from "viem";
import { formatBps, formatBytes, formatPercent } from "../../shared/format.ts";
import { DisagreementGallery } from "./DisagreementGallery.tsx";
import type { EvaluationResult } from "./evaluate.ts";
import { contentSize, type Manifest } from "../../../../scripts/lib/manifest.ts";
import "./evaluation.css";

// Observable Plot loads with the first results, not with the panel.
const ConfusionHeatmap = lazy(() =>
  import("./ConfusionHeatmap.tsx").then((module) => ({ default: module.ConfusionHeatmap })),
);
import { evaluationReport, reportFileName } from "./report.ts";
import { formatReceipt, TOOL_VERSION } from "./receipt.ts";
import { useEvaluation, type EvaluationState } from "./useEvaluation.ts";
import type { BackendName } from "./workerProtocol.ts";

const BACKENDS: (BackendName | "auto")[] = ["auto", "webgpu", "webgl", "wasm", "cpu"];

export default function EvaluationPanel({
  modelId,
  candidateVersion,
  onUseReceipt,
  onResult,
}: {
  modelId: Hex;
  candidateVersion: number;
  onUseReceipt: (reason: string) => void;
  /** Tells the page what this voter measured, so other voters' receipts can be compared with it. */
  onResult?: (own: { candidate: number; active: number }) => void;
}) {
  const [backend, setBackend] = useState<BackendName | "auto">("auto");
  const { target, manifests, state, start, cancel } = useEvaluation(modelId, candidateVersion, backend);
  const done = state.status === "done" ? state.result : null;
  useEffect(() => {
    if (done) onResult?.({ candidate: done.candidate.metrics.accuracy, active: done.active?.metrics.accuracy ?? 0 });
  }, [done, onResult]);
  const backendId = useId();
  const running = state.status === "running";
  return (
    <section className="card stack eval-panel" aria-labelledby="eval-title" data-testid="evaluation-panel">
      <h2 id="eval-title">Evaluate before you vote</h2>
      {target.error ? (
        <p className="notice notice--danger" role="alert">
          Cannot find what to evaluate: {(target.error as Error).message}
        </p>
      ) : target.data ? (
        <p className="small muted" style={{ margin: 0 }}>
          Downloads <strong>{target.data.candidate.label}</strong>
          {target.data.active ? (
            <>
              {" "}
              and the active <strong>{target.data.active.label}</strong>
            </>
          ) : null}{" "}
          and the whitelisted evaluation set <strong>{target.data.dataset.name}</strong> ({target.data.dataset.license}
          ), verifies every byte against the chain, and runs both models here in your browser.{" "}
          <DownloadSize manifests={manifests.data} failed={manifests.isError} />
        </p>
      ) : (
        <div className="skeleton" />
      )}
      <div className="row">
        <button type="button" className="button" disabled={!target.data || running} onClick={() => void start(backend)}>
          {state.status === "done" ? "Evaluate again" : "Evaluate"}
        </button>
        {running ? (
          <button type="button" className="button button--ghost" onClick={cancel}>
            Cancel
          </button>
        ) : null}
        <label className="row small" htmlFor={backendId}>
          Backend
          <select
            id={backendId}
            value={backend}
            disabled={running}
            onChange={(event) => setBackend(event.target.value as BackendName | "auto")}
          >
            {BACKENDS.map((name) => (
              <option key={name} value={name}>
                {name === "auto" ? "fastest that agrees with CPU" : name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <Status state={state} />
      {state.status === "done" ? <Results result={state.result} onUseReceipt={onUseReceipt} /> : null}
    </section>
  );
}

/** What Evaluate will download, from the manifests the panel read (and checked against the chain) when it opened. */
function DownloadSize({ manifests, failed }: { manifests: Manifest[] | undefined; failed: boolean }) {
  if (failed)
    return <span data-testid="evaluation-size">The size is not known yet: Evaluate asks the gateway again.</span>;
  if (!manifests) return null;
  const { bytes, files } = contentSize(manifests);
  return (
    <span data-testid="evaluation-size">
      That is <strong>{formatBytes(bytes)}</strong> in {files} files, whose manifests already match the chain.
    </span>
  );
}

function Status({ state }: { state: EvaluationState }) {
  if (state.status === "idle") return null;
  if (state.status === "cancelled")
    return (
      <p className="notice" role="status">
        Evaluation cancelled. Nothing was kept.
      </p>
    );
  if (state.status === "failed")
    return (
      <div className="notice notice--danger" role="alert" data-testid="evaluation-error">
        <strong>Evaluation stopped{state.file ? ` at ${state.file}` : ""}.</strong> {state.message} No result and no
        vote receipt come from this run.
      </div>
    );
  if (state.status !== "running") return null;
  const load = state.load;
  const inference = state.inference;
  const fraction =
    state.phase === "loading" && load && load.bytesTotal
      ? load.bytesDone / load.bytesTotal
      : state.phase === "inference" && inference
        ? inference.done / inference.total
        : null;
  const text =
    state.phase === "loading"
      ? load
        ? `Downloading and verifying ${load.file || "manifests"} — ${(load.bytesDone / 1e6).toFixed(1)} of ${(load.bytesTotal / 1e6).toFixed(1)} MB, ${load.filesDone} of ${load.filesTotal} files`
        : "Reading the manifests and checking them against the chain…"
      : state.phase === "inference" && inference
        ? `Running the models: ${inference.done.toLocaleString()} of ${inference.total.toLocaleString()} samples through both (now the ${inference.model})`
        : state.phase === "choosing backend"
          ? "Measuring each backend and checking it agrees with the CPU backend…"
          : state.phase === "checking"
            ? "Checking the model files against the safety limits…"
            : "Computing metrics…";
  return (
    <div className="stack" style={{ gap: "var(--space-1)" }}>
      <div
        className="bar"
        role="progressbar"
        aria-label="Evaluation progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={fraction === null ? undefined : Math.round(fraction * 100)}
      >
        <div className="bar__fill" style={{ width: `${(fraction ?? 0) * 100}%`, background: "var(--color-accent)" }} />
      </div>
      <p className="small muted" role="status" aria-live="polite" style={{ margin: 0 }}>
        {text}
      </p>
    </div>
  );
}

function Results({ result, onUseReceipt }: { result: EvaluationResult; onUseReceipt: (reason: string) => void }) {
  const { candidate, active, comparison, claim, target } = result;
  const receipt = formatReceipt({
    model: target.model,
    version: target.candidate.version,
    cid: target.candidate.cid,
    dataset: target.dataset.cid,
    samples: result.dataset.samples,
    backend: result.backend,
    candidateAccuracy: Number(candidate.metrics.accuracy.toFixed(6)),
    activeAccuracy: Number((active?.metrics.accuracy ?? 0).toFixed(6)),
    tool: TOOL_VERSION,
  });
  return (
    <div className="stack" data-testid="evaluation-results">
      {!claim.supported ? (
        <p className="notice notice--danger" role="alert" data-testid="claim-warning">
          The proposer claims {formatPercent(claim.claimed, 2)} accuracy; measured here on{" "}
          {result.dataset.samples.toLocaleString()} whitelisted samples it is {formatPercent(claim.measured, 2)} (95% CI{" "}
          {formatPercent(claim.interval[0])}–{formatPercent(claim.interval[1])}). The claim is not supported.
        </p>
      ) : (
        <p className="notice notice--ok" data-testid="claim-ok">
          The claimed {formatPercent(claim.claimed, 2)} is consistent with the measured{" "}
          {formatPercent(claim.measured, 2)} (95% CI {formatPercent(claim.interval[0])}–
          {formatPercent(claim.interval[1])}).
        </p>
      )}
      {comparison ? (
        <p data-testid="verdict">
          Candidate vs active:{" "}
          <strong className={`eval-verdict eval-verdict--${comparison.verdict.split(" ")[0]}`}>
            {comparison.verdict}
          </strong>{" "}
          — {comparison.difference >= 0 ? "+" : ""}
          {(comparison.difference * 100).toFixed(2)} points (95% CI {(comparison.interval[0] * 100).toFixed(2)} to{" "}
          {(comparison.interval[1] * 100).toFixed(2)}; McNemar p ={" "}
          {comparison.pValue < 1e-4 ? comparison.pValue.toExponential(1) : comparison.pValue.toFixed(4)}).
        </p>
      ) : null}
      <div className="table-wrap">
        <table className="table" data-testid="metrics-table">
          <thead>
            <tr>
              <th scope="col">Measured here</th>
              <th scope="col">{candidate.label} (candidate)</th>
              {active ? <th scope="col">{active.label} (active)</th> : null}
              <th scope="col">Claimed by the proposer</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">Accuracy</th>
              <td data-testid="candidate-accuracy">{formatPercent(candidate.metrics.accuracy, 2)}</td>
              {active ? <td data-testid="active-accuracy">{formatPercent(active.metrics.accuracy, 2)}</td> : null}
              <td>{formatBps(target.candidate.claimedAccuracyBps)}</td>
            </tr>
            <tr>
              <th scope="row">Macro-F1</th>
              <td>{formatPercent(candidate.metrics.macroF1, 2)}</td>
              {active ? <td>{formatPercent(active.metrics.macroF1, 2)}</td> : null}
              <td>{formatBps(target.candidate.claimedMacroF1Bps)}</td>
            </tr>
            <tr>
              <th scope="row">Throughput</th>
              <td>{Math.round(candidate.timing.samplesPerSecond).toLocaleString()} samples/s</td>
              {active ? <td>{Math.round(active.timing.samplesPerSecond).toLocaleString()} samples/s</td> : null}
              <td>—</td>
            </tr>
            <tr>
              <th scope="row">Latency (batched)</th>
              <td>{candidate.timing.msPerSample.toFixed(3)} ms/sample</td>
              {active ? <td>{active.timing.msPerSample.toFixed(3)} ms/sample</td> : null}
              <td>—</td>
            </tr>
          </tbody>
        </table>
      </div>
      <PerClass result={result} />
      <Suspense fallback={<div className="skeleton" />}>
        <div className="eval-figures">
          <ConfusionHeatmap
            matrix={candidate.metrics.confusionMatrix}
            classes={result.dataset.classes}
            title={`${candidate.label} (candidate)`}
          />
          {active ? (
            <ConfusionHeatmap
              matrix={active.metrics.confusionMatrix}
              classes={result.dataset.classes}
              title={`${active.label} (active)`}
            />
          ) : null}
        </div>
      </Suspense>
      <DisagreementGallery result={result} />
      <p className="small muted" data-testid="backend-report">
        Ran on <strong>{result.backend}</strong>, checked against the CPU backend.{" "}
        {result.probes
          .map(
            (probe) =>
              `${probe.name}: ${probe.ok ? (probe.probeMs === undefined ? "agrees" : `${probe.probeMs.toFixed(0)} ms probe`) : "not used"}${probe.note ? ` (${probe.note})` : ""}`,
          )
          .join(" · ")}
        . Total {(result.timing.totalMs / 1000).toFixed(1)} s, of which download and verification{" "}
        {(result.timing.loadMs / 1000).toFixed(1)} s.
      </p>
      <div className="row">
        <button type="button" className="button" onClick={() => onUseReceipt(receipt)}>
          Use this result in my vote
        </button>
        <span className="small muted">Fills the vote reason with a sentence and a receipt other voters can check.</span>
      </div>
      <div className="row">
        <button type="button" className="button button--ghost button--small" onClick={() => downloadReport(result)}>
          Download the full report (JSON)
        </button>
        <span className="small muted">
          Every prediction of both models and the raw outputs of the first samples, to keep or to check elsewhere.
        </span>
      </div>
    </div>
  );
}

function PerClass({ result }: { result: EvaluationResult }) {
  const { candidate, active, dataset } = result;
  return (
    <details>
      <summary>Per-class precision and recall</summary>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Class</th>
              <th scope="col">Candidate precision</th>
              <th scope="col">Candidate recall</th>
              {active ? <th scope="col">Active precision</th> : null}
              {active ? <th scope="col">Active recall</th> : null}
              <th scope="col">Samples</th>
            </tr>
          </thead>
          <tbody>
            {dataset.classes.map((name, index) => (
              <tr key={name}>
                <th scope="row">{name}</th>
                <td>{formatPercent(candidate.metrics.perClass[index].precision)}</td>
                <td>{formatPercent(candidate.metrics.perClass[index].recall)}</td>
                {active ? <td>{formatPercent(active.metrics.perClass[index].precision)}</td> : null}
                {active ? <td>{formatPercent(active.metrics.perClass[index].recall)}</td> : null}
                <td>{candidate.metrics.perClass[index].support}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

function downloadReport(result: EvaluationResult) {
  const report = evaluationReport(result);
  const url = URL.createObjectURL(new Blob([JSON.stringify(report)], { type: "application/json" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = reportFileName(report);
  link.click();
  // The click has started the download by the time the next task runs.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
