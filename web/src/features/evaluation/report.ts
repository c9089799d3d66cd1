// The evaluation as a file a holder can keep, publish or check: what was measured (every content address and digest
// the bytes were verified against), how (backend, tool), the metrics of both models, each sample's prediction, and
// the raw outputs of the first samples so another implementation can confirm them number for number.
import type { EvaluationResult, ModelOutcome } from "./evaluate.ts";
import { TOOL_VERSION } from "./receipt.ts";

export const REPORT_FORMAT = "modeldao-evaluation-report/1";

function model(outcome: ModelOutcome, classes: number, ref: { cid: string; manifestDigest: string }) {
  const rows = outcome.probeOutputs.length / classes;
  return {
    version: outcome.version,
    cid: ref.cid,
    manifestDigest: ref.manifestDigest,
    metrics: outcome.metrics,
    samplesPerSecond: outcome.timing.samplesPerSecond,
    /** Predicted class index of every sample, in dataset order. */
    predictions: Array.from(outcome.predictions),
    /** Outputs (one row per sample) of the first samples. */
    probeOutputs: Array.from({ length: rows }, (_, row) =>
      Array.from(outcome.probeOutputs.subarray(row * classes, (row + 1) * classes)),
    ),
  };
}

export function evaluationReport(result: EvaluationResult, measuredAt: Date = new Date()) {
  const { target, dataset, candidate, active } = result;
  const classes = dataset.classes.length;
  return {
    format: REPORT_FORMAT,
    tool: TOOL_VERSION,
    measuredAt: measuredAt.toISOString(),
    model: target.model,
    backend: result.backend,
    batchSize: result.batchSize,
    /** Tensors the run left allocated in its worker (0: nothing leaked). */
    tensorsLeft: result.tensorsLeft,
    backendChecks: result.probes.map(({ name, ok, note }) => ({ name, agreesWithCpu: ok, note })),
    dataset: {
      id: target.dataset.name,
      cid: target.dataset.cid,
      manifestDigest: target.dataset.manifestDigest,
      license: target.dataset.license,
      samples: dataset.samples,
      classes: dataset.classes,
    },
    candidate: {
      ...model(candidate, classes, target.candidate),
      claimedAccuracyBps: target.candidate.claimedAccuracyBps,
      claimedMacroF1Bps: target.candidate.claimedMacroF1Bps,
    },
    active: active && target.active ? model(active, classes, target.active) : null,
    comparison: result.comparison,
    claim: result.claim,
  };
}

export type EvaluationReport = ReturnType<typeof evaluationReport>;

/** File name: model, versions and the first characters of the dataset CID, so reports of one proposal sort together. */
export function reportFileName(report: EvaluationReport): string {
  const versions = `v${report.candidate.version}${report.active ? `-vs-v${report.active.version}` : ""}`;
  return `${report.model}-${versions}-${report.dataset.id}-evaluation.json`;
}
