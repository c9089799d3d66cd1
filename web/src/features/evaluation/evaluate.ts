// One evaluation, start to verdict: verified loading, artifact bounds, decoding by the dataset card, inference in the
// worker, metrics and statistics. Framework-free so the panel, the e2e tests and the benchmark run the same code.
import type { io } from "@tensorflow/tfjs";
import { classificationMetrics, type ClassificationMetrics } from "../../../../scripts/lib/metrics.ts";
import type { DatasetCard } from "../../../../scripts/lib/dataset.ts";
import type { Manifest } from "../../../../scripts/lib/manifest.ts";
import { createShardStream, decodeSetAgain, type EvaluationSet } from "./shards.ts";
import { artifactsFromFiles } from "../../../../scripts/lib/model-files.ts";
import { releaseDecodeMemory, reserveDecodeMemory, warmDecoding } from "./decode.ts";
import { ArtifactRefusedError, checkModelJson } from "./bounds.ts";
import { loadDirectories, type LoadedDirectory, type LoadProgress } from "./loader.ts";
import { targetDirectories, type EvaluationTarget } from "./resolve.ts";
import { checkClaim, compareModels, type ClaimCheck, type Comparison } from "./stats.ts";
import { agreement, argmaxRows, CHECK_SAMPLES, disagreementNote, PROBE_SAMPLES } from "./agreement.ts";
import type { EvaluationWorker, ReferenceResult, RunResult } from "./workerClient.ts";
import { prepareWorkers, releaseWorkers as releasePool, takeWorker } from "./workerPool.ts";
import { addMarks, mark, takeMarks } from "./trace.ts";
import { settleTransferDeoptimisations } from "./transfers.ts";
import type { BackendName, BackendProbe, BackendTrial, TraceMark, WorkerRequest } from "./workerProtocol.ts";

/** The panel closed: its workers end and the memory prepared for the samples is dropped. */
export function releaseWorkers(): void {
  releasePool();
  releaseDecodeMemory();
}

/**
 * What the panel does once the target's manifests are read (the dataset's is the last): memory for the decoded
 * samples of the dataset's files is prepared while the holder reads (decode.ts `reserveDecodeMemory`).
 */
export function prepareDatasetMemory(datasetManifest: Manifest): void {
  reserveDecodeMemory(datasetManifest.files.map((file) => file.size));
}

let statisticsWarm = false;

/**
 * What the evaluation panel does when it opens, before any click: starts the workers for `backend` (workerPool.ts)
 * and, once per page, runs the verdict's statistics on made-up outcomes of 10,000 samples (`warmStatistics`), so the
 * engine has optimised that code (a cold first run took ~20 ms more) by the time a real verdict needs it. Once is
 * enough: the code went cold again before the click only because the first transfers threw it away (transfers.ts);
 * warmed a second time after the download, it competed with the CPU reference and inference for the cores
 * (bench:eval, alternating runs, 16 each: verdict − floor 87 → 72.5 ms without it, the reference 33.5 → 18 ms).
 */
export function prepareEvaluation(backend: BackendName | "auto"): void {
  settleTransferDeoptimisations();
  prepareWorkers(backend);
  if (statisticsWarm) return;
  statisticsWarm = true;
  // After the panel's first render, not during it.
  setTimeout(warmStatistics, 0);
}

function warmStatistics(): void {
  warmDecoding();
  const n = 10_000;
  const k = 10;
  const y = Uint8Array.from({ length: n }, (_, i) => i % k);
  // Made-up outputs of two models, right but for every 37th and every 23rd sample; scored by the verdict's own code
  // with the verdict's own types (the engine's optimised code is specific to them).
  const outputs = (wrongEvery: number) => {
    const out = new Float32Array(n * k);
    for (let i = 0; i < n; i++) out[i * k + (i % wrongEvery ? y[i] : (y[i] + 1) % k)] = 1;
    return out;
  };
  const candidate = score(outputs(37), y, k);
  const active = score(outputs(23), y, k);
  compareModels(candidate.correct, active.correct);
  checkClaim(9_700, 9_700, n);
}

export type Phase = "loading" | "checking" | "choosing backend" | "inference" | "metrics";

export type ModelOutcome = {
  label: string;
  version: number;
  metrics: ClassificationMetrics;
  predictions: Uint8Array;
  /** 1 where the prediction is the label, else 0. */
  correct: Uint8Array;
  /** The model's outputs for the first PROBE_SAMPLES samples (row-major), for anyone to recompute elsewhere. */
  probeOutputs: Float32Array;
  timing: { parseMs: number; warmupMs: number; inferenceMs: number; samplesPerSecond: number; msPerSample: number };
};

export type EvaluationResult = {
  target: EvaluationTarget;
  dataset: EvaluationSet;
  /** Where the time went (the benchmark reports these). */
  phases: {
    loadMs: number;
    checkMs: number;
    chooseMs: number;
    /** The CPU reference on the probe rows, in a second worker while the first runs the models. */
    referenceMs: number;
    /** How long the verdict still waited for that reference after the run (0 when it was ready in time). */
    referenceWaitMs: number;
    workerMs: number;
    /** From the start until the worker had tfjs and its backends ready (overlaps the download). */
    workerStartupMs: number;
    /** How long the run (sent once the models and the dataset card were verified) waited for that start-up. */
    workerWaitMs: number;
    /** How long inference waited for samples still downloading (dataset shards). */
    rowsWaitMs: number;
    parseMs: number;
    warmupMs: number;
    inferenceMs: number;
    metricsMs: number;
    floorMs?: number;
  };
  backend: BackendName;
  /** Samples per predict on that backend. */
  batchSize: number;
  /** Tensors still allocated in the worker once the run was over (each batch's and each model's are released: 0). */
  tensorsLeft: number;
  probes: BackendProbe[];
  candidate: ModelOutcome;
  active: ModelOutcome | null;
  comparison: Comparison | null;
  claim: ClaimCheck;
  timing: { loadMs: number; totalMs: number };
  /** Marks from the page and the workers, start to verdict (trace.ts), in time order. */
  timeline: TraceMark[];
};

export type EvaluationCallbacks = {
  onPhase?: (phase: Phase) => void;
  onLoadProgress?: (progress: LoadProgress) => void;
  onInferenceProgress?: (done: number, total: number, model: string) => void;
};

const decoder = new TextDecoder("utf-8", { fatal: true });

function parseJson(bytes: Uint8Array | undefined, file: string): unknown {
  if (!bytes) throw new ArtifactRefusedError(file, "missing from the directory");
  try {
    return JSON.parse(decoder.decode(bytes));
  } catch {
    throw new ArtifactRefusedError(file, "is not valid UTF-8 JSON");
  }
}

function modelPayload(directory: LoadedDirectory, key: string): WorkerRequest["models"][number] {
  const label = directory.ref.label;
  const json = parseJson(directory.files.get("model.json"), `${label}/model.json`);
  try {
    checkModelJson(json, directory.manifest);
  } catch (error) {
    if (error instanceof ArtifactRefusedError)
      throw new ArtifactRefusedError(`${label}/${error.file}`, error.message.slice(error.file.length + 2));
    throw error;
  }
  const bytes = directory.files.get("model.json")!;
  const artifacts = artifactsFromFiles(bytes, (path) => {
    const file = directory.files.get(path);
    if (!file) throw new ArtifactRefusedError(`${label}/${path}`, "named by model.json but not loaded");
    return file;
  });
  const weightData = artifacts.weightData as ArrayBuffer;
  return {
    key,
    topology: JSON.stringify((json as io.ModelJSON).modelTopology),
    weightSpecs: JSON.stringify(artifacts.weightSpecs ?? []),
    weights: weightData,
  };
}

/** A model's predictions on the set, whether each was right (1) or not (0), and its metrics. */
function score(outputs: Float32Array, y: Uint8Array, k: number) {
  const predictions = argmaxRows(outputs, y.length, k);
  const correct = new Uint8Array(y.length);
  for (let i = 0; i < y.length; i++) correct[i] = predictions[i] === y[i] ? 1 : 0;
  return { predictions, correct, metrics: classificationMetrics(y, predictions, k) };
}

export async function evaluateTarget(
  target: EvaluationTarget,
  gateways: string[],
  options: {
    backend?: BackendName | "auto";
    signal?: AbortSignal;
    batchSize?: number;
    measureFloor?: boolean;
    /** Benchmark only: awaited after the verdict, before the floor is measured (the bench waits for idle cores). */
    beforeFloor?: () => Promise<unknown>;
    /** The target's manifests, read and verified before (loader.ts `loadManifests`, when the panel opened). */
    manifests?: Manifest[];
  } & EvaluationCallbacks = {},
): Promise<EvaluationResult> {
  const started = performance.now();
  settleTransferDeoptimisations();
  takeMarks();
  mark("start");
  // Every worker of the evaluation ends with it, whichever way it ends.
  const workers: EvaluationWorker[] = [];
  const spawn = (backend: BackendName | "auto", signal?: AbortSignal) => {
    const worker = takeWorker(backend, signal);
    workers.push(worker);
    return worker;
  };
  try {
    return await evaluateWith(spawn, started, target, gateways, options);
  } finally {
    for (const worker of workers) worker.terminate();
  }
}

/** Each backend's probe answers against the CPU reference: only an agreeing backend may produce a verdict. */
function judge(trials: BackendTrial[], reference: Float32Array[], rows: number, k: number): BackendProbe[] {
  return trials.map((trial) => {
    if (!trial.ran || !trial.outputs) return { name: trial.name, ok: false, note: trial.note };
    const verdict = agreement(trial.outputs, reference, rows, k);
    return {
      name: trial.name,
      ok: verdict.agrees,
      probeMs: trial.probeMs,
      maxDifference: verdict.maxDifference,
      note: verdict.agrees ? trial.note : disagreementNote(verdict),
    };
  });
}

async function evaluateWith(
  spawn: (backend: BackendName | "auto", signal?: AbortSignal) => EvaluationWorker,
  started: number,
  target: EvaluationTarget,
  gateways: string[],
  options: Parameters<typeof evaluateTarget>[2] & {},
): Promise<EvaluationResult> {
  // The worker starts now, so tfjs loads and the backends initialise while the bytes download.
  const worker = spawn(options.backend ?? "auto", options.signal);
  options.onPhase?.("loading");
  const refs = targetDirectories(target);
  const modelCount = refs.length - 1;
  const batchSize = options.batchSize;
  // model.json is checked against the bounds as soon as a model's files are verified; once both are, the worker loads
  // and warms them up while the dataset is still downloading. As soon as the models and the dataset card are checked,
  // the run starts, and each dataset shard goes to the worker the moment it is verified and decoded, so inference on
  // shard i overlaps the download of the next ones.
  let checkMs = 0;
  const modelDirectories: LoadedDirectory[] = [];
  let models: WorkerRequest["models"] | null = null;
  // The preload and a fallback run get copies of the (small) weights: the ones sent are transferred away.
  const copies = () => models!.map((model) => ({ ...model, weights: model.weights.slice(0) }));
  const prepareModels = () => {
    const checkStart = performance.now();
    models = modelDirectories.map((directory, index) => modelPayload(directory, index === 0 ? "candidate" : "active"));
    checkMs += performance.now() - checkStart;
    worker.preload({ type: "models", models: copies(), batchSize });
  };
  // A failure in the worker (a model the dataset does not fit…) stops the download at once, and vice versa.
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  const stream = createShardStream(target.dataset.label);
  let fallbackModels: WorkerRequest["models"] = [];
  let running: Promise<RunResult> | null = null;
  let referencing: Promise<ReferenceResult> | null = null;
  let referenceModels: WorkerRequest["models"] = [];
  let firstRows: Float32Array | null = null;
  const startReference = () => {
    // A run forced onto the CPU backend is its own reference.
    if (options.backend === "cpu" || referencing) return;
    const rows = firstRows!;
    referencing = spawn("cpu", signal).reference({
      type: "reference",
      models: referenceModels,
      x: rows,
      rows: rows.length / stream.width,
      width: stream.width,
    });
    referencing.catch((error: unknown) => stop.abort(error));
  };
  let workerStart = 0;
  let readyBefore: number | null = null;
  const handlers = {
    onProgress: (done: number, total: number, model: string) => options.onInferenceProgress?.(done, total, model),
    onPhase: (phase: string) => options.onPhase?.(phase === "choosing backend" ? phase : "inference"),
  };
  const request = (backend: BackendName | "auto", payload: WorkerRequest["models"]): WorkerRequest => ({
    type: "run",
    models: payload,
    n: stream.card.samples,
    width: stream.width,
    classes: stream.card.label.classes.length,
    batchSize,
    backend,
    measureFloor: options.measureFloor,
  });
  const startRun = () => {
    if (running || !models || !stream.ready) return;
    workerStart = performance.now();
    readyBefore = worker.readyAt();
    fallbackModels = copies();
    referenceModels = copies();
    running = worker.run(request(options.backend ?? "auto", models), handlers);
    running.catch((error: unknown) => stop.abort(error));
    // The probe rows are kept for the CPU reference, which starts once the download is over (below).
    const width = stream.width;
    firstRows = new Float32Array(Math.min(CHECK_SAMPLES, stream.card.samples) * width);
    stream.send((start, x) => {
      if (start * width < firstRows!.length)
        firstRows!.set(x.subarray(0, Math.min(x.length, firstRows!.length - start * width)), start * width);
      mark(`sent ${start}`);
      worker.rows(start, x);
    });
  };
  const datasetLabel = target.dataset.label;
  let directories: LoadedDirectory[];
  try {
    directories = await loadDirectories(gateways, refs, {
      signal,
      manifests: options.manifests,
      onProgress: options.onLoadProgress,
      onFile: (directory, path, bytes, index) => {
        mark(`file ${index}/${path}`);
        if (index < modelCount) return;
        if (path === "card.json") {
          stream.setCard(parseJson(bytes, `${datasetLabel}/card.json`) as DatasetCard, directory.manifest);
          startRun();
        } else stream.add(path, bytes);
      },
      onDirectory: (directory, index) => {
        if (index >= modelCount) return;
        modelDirectories[index] = directory;
        if (modelDirectories.filter(Boolean).length === modelCount) {
          prepareModels();
          startRun();
        }
      },
    });
  } catch (error) {
    // The worker's own failure, if that is what stopped the download.
    throw stop.signal.aborted && !options.signal?.aborted ? stop.signal.reason : error;
  }
  const loadMs = performance.now() - started;
  mark("loaded");
  // (When the run already started during the download, the worker's phases are the ones shown.)
  if (!running) options.onPhase?.("checking");
  const dataset: EvaluationSet = stream.finish();
  if (!models) {
    modelDirectories.splice(0, modelCount, ...directories.slice(0, modelCount));
    prepareModels();
  }
  startRun();
  // The CPU reference runs in a worker of its own once the last byte is in: while the shards download, the page
  // (verifying and decoding them) and the engine's compilers already crowd a two-core device, and the reference's
  // pure-JavaScript kernels there slowed inference itself; after the download one core is free while inference runs
  // on the other, and the reference is done long before the verdict needs it. bench:eval, alternating runs: started
  // with the probe rows 478 ms, after the download 449 ms (medians of 12 each; the reference's own time 72 → 38 ms).
  startReference();
  checkMs += stream.decodeMs;
  const k = dataset.classes.length;
  const rows = Math.min(CHECK_SAMPLES, dataset.samples);
  let result = await running!;
  mark("run result");
  addMarks(result.marks);
  const runDone = performance.now();
  const readyAt = worker.readyAt() ?? workerStart;
  const referenceResult: ReferenceResult = referencing
    ? await referencing
    : { type: "reference", outputs: result.runs.map((run) => run.outputs.slice(0, rows * k)), ms: 0, marks: [] };
  const referenceWaitMs = performance.now() - runDone;
  addMarks(referenceResult.marks);
  const reference = referenceResult.outputs;
  let probes = judge(result.trials, reference, rows, k);
  if (!probes.find((probe) => probe.name === result.backend)?.ok) {
    // The fastest backend disagreed with the CPU: its answers are dropped and the fastest agreeing one runs instead.
    // The CPU backend, the reference itself, is the last resort when it was ranked rather than measured.
    const fallback =
      probes.filter((probe) => probe.ok).sort((a, b) => (a.probeMs ?? 0) - (b.probeMs ?? 0))[0] ??
      probes.find((probe) => probe.name === "cpu" && probe.note?.startsWith("ranked"));
    if (!fallback)
      throw new Error(
        `no backend agreed with the CPU backend: ${probes.map((p) => `${p.name}: ${p.note}`).join("; ")}`,
      );
    const rerun = spawn(fallback.name, options.signal);
    const again = rerun.run(request(fallback.name, fallbackModels), handlers);
    rerun.rows(0, decodeSetAgain(dataset));
    result = await again;
    const rerunProbes = judge(result.trials, reference, rows, k);
    if (!rerunProbes[0]?.ok) throw new Error(`${fallback.name} disagreed with the CPU backend on a second run`);
    probes = probes.map((probe) => (probe.name === fallback.name ? rerunProbes[0] : probe));
  }
  const workerMs = performance.now() - workerStart;
  options.onPhase?.("metrics");
  const metricsStart = performance.now();
  const outcome = (key: string, label: string, version: number): ModelOutcome => {
    const run = result.runs.find((entry) => entry.key === key)!;
    const { predictions, correct, metrics } = score(run.outputs, dataset.y, k);
    return {
      label,
      version,
      predictions,
      correct,
      probeOutputs: run.outputs.slice(0, Math.min(PROBE_SAMPLES, dataset.samples) * k),
      metrics,
      timing: {
        parseMs: run.parseMs,
        warmupMs: run.warmupMs,
        inferenceMs: run.inferenceMs,
        // The first batch is timed apart (warmupMs) but is part of the run: throughput counts it.
        samplesPerSecond: dataset.samples / ((run.warmupMs + run.inferenceMs) / 1000),
        msPerSample: (run.warmupMs + run.inferenceMs) / dataset.samples,
      },
    };
  };
  const candidate = outcome("candidate", target.candidate.label, target.candidate.version);
  const active = target.active ? outcome("active", target.active.label, target.active.version) : null;
  const comparison = active ? compareModels(candidate.correct, active.correct) : null;
  const claim = checkClaim(
    target.candidate.claimedAccuracyBps,
    candidate.correct.reduce((a, b) => a + b, 0),
    dataset.samples,
  );
  const metricsMs = performance.now() - metricsStart;
  mark("verdict");
  const timeline = takeMarks();
  const totalMs = performance.now() - started;
  // Benchmark only: the floor, in the run's worker, after the verdict, on the samples it kept.
  let floorMs: number | undefined;
  if (options.measureFloor) {
    await options.beforeFloor?.();
    floorMs = await worker.floor();
  }
  return {
    target,
    dataset,
    phases: {
      loadMs,
      checkMs,
      chooseMs: result.chooseMs,
      referenceMs: referenceResult.ms,
      referenceWaitMs,
      workerMs,
      workerStartupMs: Math.max(0, readyAt - started),
      workerWaitMs: readyBefore === null ? Math.max(0, readyAt - workerStart) : 0,
      rowsWaitMs: result.rowsWaitMs,
      parseMs: result.runs.reduce((sum, run) => sum + run.parseMs, 0),
      warmupMs: result.runs.reduce((sum, run) => sum + run.warmupMs, 0),
      inferenceMs: result.runs.reduce((sum, run) => sum + run.inferenceMs, 0),
      metricsMs,
      floorMs,
    },
    backend: result.backend,
    batchSize: result.batchSize,
    tensorsLeft: result.tensorsLeft,
    probes,
    candidate,
    active,
    comparison,
    claim,
    timing: { loadMs, totalMs },
    timeline,
  };
}
