// One evaluation, start to verdict: verified loading, artifact bounds, decoding by the dataset card, inference in the
// worker, metrics and statistics. Framework-free so the panel, the e2e tests and the benchmark run the same code.
import type { io } from "@tensorflow/tfjs";
import { classificationMetrics, type ClassificationMetrics } from "../../../../scripts/lib/metrics.ts";
import { decodeDataset, type DatasetCard, type DecodedDataset } from "../../../../scripts/lib/dataset.ts";
import { artifactsFromFiles } from "../../../../scripts/lib/model-files.ts";
import { ArtifactRefusedError, checkModelJson } from "./bounds.ts";
import { loadDirectories, type LoadedDirectory, type LoadProgress } from "./loader.ts";
import type { EvaluationTarget } from "./resolve.ts";
import { checkClaim, compareModels, type ClaimCheck, type Comparison } from "./stats.ts";
import type { BackendName, BackendProbe, WorkerRequest, WorkerResponse } from "./workerProtocol.ts";

export type Phase = "loading" | "checking" | "choosing backend" | "inference" | "metrics";

export type ModelOutcome = {
  label: string;
  version: number;
  metrics: ClassificationMetrics;
  predictions: Uint8Array;
  timing: { parseMs: number; warmupMs: number; inferenceMs: number; samplesPerSecond: number; msPerSample: number };
};

export type EvaluationResult = {
  target: EvaluationTarget;
  dataset: DecodedDataset & { card: DatasetCard; featureBytes: Uint8Array };
  /** Where the time went (the benchmark reports these). */
  phases: {
    loadMs: number;
    checkMs: number;
    chooseMs: number;
    workerMs: number;
    parseMs: number;
    warmupMs: number;
    inferenceMs: number;
    metricsMs: number;
    floorMs?: number;
  };
  backend: BackendName;
  probes: BackendProbe[];
  candidate: ModelOutcome;
  active: ModelOutcome | null;
  comparison: Comparison | null;
  claim: ClaimCheck;
  timing: { loadMs: number; totalMs: number };
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
    modelJson: json as io.ModelJSON,
    weightSpecs: artifacts.weightSpecs ?? [],
    weights: weightData,
  };
}

function decodeEvaluationSet(directory: LoadedDirectory) {
  const label = directory.ref.label;
  const card = parseJson(directory.files.get("card.json"), `${label}/card.json`) as DatasetCard;
  const features = directory.files.get(card?.features?.file);
  const labels = directory.files.get(card?.label?.file);
  if (!features || !labels)
    throw new ArtifactRefusedError(`${label}/card.json`, "names feature or label files that are not in the manifest");
  try {
    return { ...decodeDataset(card, features, labels), card, featureBytes: features };
  } catch (error) {
    throw new ArtifactRefusedError(`${label}/card.json`, (error as Error).message);
  }
}

function argmaxAll(outputs: Float32Array, n: number, k: number): Uint8Array {
  const predictions = new Uint8Array(n);
  for (let row = 0; row < n; row++) {
    let best = 0;
    for (let j = 1; j < k; j++) if (outputs[row * k + j] > outputs[row * k + best]) best = j;
    predictions[row] = best;
  }
  return predictions;
}

export function runInWorker(
  request: WorkerRequest,
  signal: AbortSignal | undefined,
  onProgress: (done: number, total: number, model: string) => void,
  onPhase: (phase: Phase) => void,
): Promise<Extract<WorkerResponse, { type: "result" }>> {
  const worker = new Worker(new URL("./worker.ts", import.meta.url), { type: "module" });
  return new Promise((resolve, reject) => {
    const stop = () => {
      worker.terminate();
      reject(new DOMException("Evaluation cancelled", "AbortError"));
    };
    signal?.addEventListener("abort", stop, { once: true });
    worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
      const message = event.data;
      if (message.type === "progress") onProgress(message.done, message.total, message.model);
      else if (message.type === "phase") onPhase(message.phase as Phase);
      else {
        signal?.removeEventListener("abort", stop);
        worker.terminate();
        if (message.type === "result") resolve(message);
        else reject(new Error(message.message));
      }
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(`the evaluation worker failed: ${event.message}`));
    };
    worker.postMessage(request);
  });
}

export async function evaluateTarget(
  target: EvaluationTarget,
  gateways: string[],
  options: {
    backend?: BackendName | "auto";
    signal?: AbortSignal;
    batchSize?: number;
    measureFloor?: boolean;
  } & EvaluationCallbacks = {},
): Promise<EvaluationResult> {
  const started = performance.now();
  options.onPhase?.("loading");
  const refs = [target.candidate, ...(target.active ? [target.active] : []), target.dataset];
  const directories = await loadDirectories(gateways, refs, {
    signal: options.signal,
    onProgress: options.onLoadProgress,
  });
  const loadMs = performance.now() - started;
  options.onPhase?.("checking");
  const checkStart = performance.now();
  const candidateDirectory = directories[0];
  const activeDirectory = target.active ? directories[1] : null;
  const dataset = decodeEvaluationSet(directories[directories.length - 1]);
  const models = [
    modelPayload(candidateDirectory, "candidate"),
    ...(activeDirectory ? [modelPayload(activeDirectory, "active")] : []),
  ];
  const checkMs = performance.now() - checkStart;
  const workerStart = performance.now();
  const result = await runInWorker(
    {
      type: "run",
      models,
      x: dataset.x,
      n: dataset.samples,
      width: dataset.width,
      classes: dataset.classes.length,
      batchSize: options.batchSize ?? 256,
      backend: options.backend ?? "auto",
      measureFloor: options.measureFloor,
    },
    options.signal,
    (done, total, model) => options.onInferenceProgress?.(done, total, model),
    (phase) => options.onPhase?.(phase === "choosing backend" ? phase : "inference"),
  );
  const workerMs = performance.now() - workerStart;
  options.onPhase?.("metrics");
  const metricsStart = performance.now();
  const k = dataset.classes.length;
  const outcome = (key: string, label: string, version: number): ModelOutcome => {
    const run = result.runs.find((entry) => entry.key === key)!;
    const predictions = argmaxAll(run.outputs, dataset.samples, k);
    return {
      label,
      version,
      predictions,
      metrics: classificationMetrics(dataset.y, Array.from(predictions), k),
      timing: {
        parseMs: run.parseMs,
        warmupMs: run.warmupMs,
        inferenceMs: run.inferenceMs,
        samplesPerSecond: dataset.samples / (run.inferenceMs / 1000),
        msPerSample: run.inferenceMs / dataset.samples,
      },
    };
  };
  const candidate = outcome("candidate", target.candidate.label, target.candidate.version);
  const active = target.active ? outcome("active", target.active.label, target.active.version) : null;
  const correct = (predictions: Uint8Array) => predictions.map((p, i) => (p === dataset.y[i] ? 1 : 0));
  const candidateCorrect = correct(candidate.predictions);
  const comparison = active ? compareModels(candidateCorrect, correct(active.predictions)) : null;
  const claim = checkClaim(
    target.candidate.claimedAccuracyBps,
    candidateCorrect.reduce((a, b) => a + b, 0),
    dataset.samples,
  );
  const metricsMs = performance.now() - metricsStart;
  return {
    target,
    dataset,
    phases: {
      loadMs,
      checkMs,
      chooseMs: result.chooseMs,
      workerMs,
      parseMs: result.runs.reduce((sum, run) => sum + run.parseMs, 0),
      warmupMs: result.runs.reduce((sum, run) => sum + run.warmupMs, 0),
      inferenceMs: result.runs.reduce((sum, run) => sum + run.inferenceMs, 0),
      metricsMs,
      floorMs: result.floorMs,
    },
    backend: result.backend,
    probes: result.probes,
    candidate,
    active,
    comparison,
    claim,
    timing: { loadMs, totalMs: performance.now() - started },
  };
}
