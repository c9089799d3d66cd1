// Runs both models in a Web Worker so the page stays responsive. It picks the backend by measuring: every backend that
// initialises is timed on the same small batch, and the fastest runs; its answers on that batch must agree with the
// CPU backend's (same argmax, logits within 1e-4: agreement.ts) before anything is concluded (evaluate.ts). That
// reference is computed by a second instance of this worker, started for "cpu" (a `reference` request), on another
// core while this one runs the models. A software GPU (WebGPU fallback adapter) is reported and skipped, a
// SwiftShader WebGL is measured like any other. Bytes arrive verified; tfjs loads them from memory and fetches nothing.
// tfjs-core + layers + the CPU backend, not the whole @tensorflow/tfjs union (converter, data and WebGL would be
// parsed on every start): the worker's start-up is on the path to every verdict.
import "@tensorflow/tfjs-backend-cpu";
import * as tf from "@tensorflow/tfjs-core";
import { layers, loadLayersModel, sequential, type LayersModel } from "@tensorflow/tfjs-layers";
import wasmPlain from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url";
import wasmSimd from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url";
import wasmThreaded from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url";
import { CHECK_SAMPLES } from "./agreement.ts";
import { rankedOut, SOFTWARE_RENDERER } from "./ranking.ts";
import { createRowStore, type RowStore } from "./rowStore.ts";
import { mark, takeMarks } from "./trace.ts";
import type {
  BackendName,
  BackendTrial,
  ModelPayload,
  ModelRun,
  WorkerInit,
  WorkerMessage,
  WorkerPreload,
  WorkerReferenceRequest,
  WorkerRequest,
  WorkerResponse,
  WorkerRows,
} from "./workerProtocol.ts";

/** The wasm, webgl and webgpu backends register themselves when imported: only those this worker may use are loaded. */
async function importBackend(name: BackendName): Promise<void> {
  if (name === "wasm") {
    const { setWasmPaths } = await import("@tensorflow/tfjs-backend-wasm");
    setWasmPaths({
      "tfjs-backend-wasm.wasm": wasmPlain,
      "tfjs-backend-wasm-simd.wasm": wasmSimd,
      "tfjs-backend-wasm-threaded-simd.wasm": wasmThreaded,
    });
  } else if (name === "webgl") await import("@tensorflow/tfjs-backend-webgl");
  else if (name === "webgpu") await import("@tensorflow/tfjs-backend-webgpu");
}

const ORDER: BackendName[] = ["webgpu", "webgl", "wasm", "cpu"];
let cancelled = false;
/** Backends whose first predict of a shape compiles shaders (worth doing while the bytes download). */
const COMPILING = new Set<BackendName>(["webgl", "webgpu"]);

/**
 * Samples per predict when the run does not ask for a number (each batch is one `predictOnBatch`: `predict` would cut
 * it into slices of 32 again, copying each). On WASM, bench:eval (10,000 digits, seeded CNN + MLP, two runs each,
 * time to verdict / floor in ms): 16 → ~620 / ~370, 32 → ~510 / ~300, 64 → ~520 / ~290, 128 → ~450 / ~300,
 * 256 → ~510 / ~310 at first (128 then); once tfjs's JavaScript was warmed before the click (fewer, larger batches
 * save less of it), alternating runs, 26 each: 128 → 346 / 256, 256 → 337 / 251: 256 gives the shortest wait. GPU
 * backends need large batches to fill the device; the CPU backend, only a fallback, keeps 256.
 */
const BATCH_SIZES: Record<BackendName, number> = { wasm: 256, cpu: 256, webgl: 256, webgpu: 256 };

/** The run's samples as they arrive (rowStore.ts), and how long the run waited for them. */
type Samples = { store: RowStore; waitMs: number; wake: (() => void) | null };
let samples: Samples | null = null;
/** Rows that came before the run set up `samples` (the run waits for its backends first). */
const early: WorkerRows[] = [];

function addRows(message: WorkerRows) {
  if (!samples) return void early.push(message);
  mark(`w:rows ${message.start}`);
  samples.store.add(message.start, message.x);
  samples.wake?.();
}

/** Resolves once the first `count` samples are here (the time spent waiting is counted). */
async function rowsUpTo(count: number): Promise<void> {
  const data = samples!;
  if (data.store.rows >= count) return;
  const started = performance.now();
  while (data.store.rows < count) {
    if (cancelled) throw new Error("cancelled");
    await new Promise<void>((resolve) => (data.wake = resolve));
    data.wake = null;
  }
  data.waitMs += performance.now() - started;
}

function post(message: WorkerResponse, transfer: Transferable[] = []) {
  (self as unknown as Worker).postMessage(message, transfer);
}

async function load(model: ModelPayload): Promise<LayersModel> {
  return loadLayersModel(
    tf.io.fromMemory({
      modelTopology: JSON.parse(model.topology) as object,
      weightSpecs: JSON.parse(model.weightSpecs) as tf.io.WeightsManifestEntry[],
      weightData: model.weights,
    }),
  );
}

function inputShapeOf(model: LayersModel, width: number): number[] {
  const shape = model.inputs[0].shape.slice(1);
  if (shape.some((dimension) => dimension === null)) throw new Error("the model's input shape is not fully defined");
  const size = (shape as number[]).reduce((a, b) => a * b, 1);
  if (size !== width)
    throw new Error(
      `the model takes ${size} values per sample (shape [${shape.join(", ")}]) but a sample has ${width}`,
    );
  return shape as number[];
}

/** The model's outputs on `input` (samples × width: a reshape to the model's input shape copies nothing). */
function predictOn(model: LayersModel, input: tf.Tensor, shape: number[]): Float32Array {
  return readOnce(tf.tidy(() => model.predictOnBatch(tf.reshape(input, [input.shape[0], ...shape])) as tf.Tensor));
}

function predictBatch(model: LayersModel, x: Float32Array, start: number, count: number, width: number) {
  const input = tf.tensor(x.subarray(start * width, (start + count) * width), [count, width], "float32");
  try {
    return predictOn(model, input, inputShapeOf(model, width));
  } finally {
    input.dispose();
  }
}

/**
 * The tensor's values, the tensor disposed. (Returned from inside `tidy`, the typed array would be walked value by
 * value as a possible tensor container on every batch.)
 */
function readOnce(output: tf.Tensor): Float32Array {
  try {
    return output.dataSync() as Float32Array;
  } finally {
    output.dispose();
  }
}

const notes = new Map<BackendName, Promise<string | null>>();

function softwareNote(name: BackendName): Promise<string | null> {
  let note = notes.get(name);
  if (!note) notes.set(name, (note = findSoftwareNote(name)));
  return note;
}

async function findSoftwareNote(name: BackendName): Promise<string | null> {
  if (name === "webgpu") {
    const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
    if (!gpu) return "no WebGPU in this browser";
    const adapter = (await gpu.requestAdapter()) as {
      isFallbackAdapter?: boolean;
      info?: { isFallbackAdapter?: boolean };
    } | null;
    if (!adapter) return "no WebGPU adapter";
    if (adapter.isFallbackAdapter || adapter.info?.isFallbackAdapter) return "software WebGPU adapter (not a GPU)";
  }
  return null;
}

function rendererOf(name: BackendName): string | null {
  if (name !== "webgl") return null;
  try {
    const gl = (tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext } }).gpgpu?.gl;
    const info = gl?.getExtension("WEBGL_debug_renderer_info");
    return info && gl ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : null;
  } catch {
    return null;
  }
}

type Probed = { trial: BackendTrial; models: LayersModel[] };

/** The backends this worker was started for (init). */
let wanted: BackendName[] = [];
/** In "auto", the backends ranked out instead of measured (ranking.ts), with why. */
let ranked = new Map<BackendName, string>();
/** Models loaded (and warmed up) per backend before the samples arrived; taken by the first user. */
const preloaded = new Map<BackendName, LayersModel[]>();
let preloading: Promise<void> = Promise.resolve();

function warmUp(model: LayersModel, batches: number[]) {
  const shape = model.inputs[0].shape.slice(1);
  if (shape.some((dimension) => dimension === null)) return; // refused with a reason by the run
  for (const count of new Set(batches))
    readOnce(tf.tidy(() => model.predictOnBatch(tf.zeros([count, ...(shape as number[])])) as tf.Tensor));
}

async function preload(message: WorkerPreload) {
  await initialised;
  for (const name of wanted) {
    if ((await softwareNote(name)) || ranked.has(name)) continue;
    const models: LayersModel[] = [];
    try {
      if (!(await tf.setBackend(name))) continue;
      await tf.ready();
      for (const spec of message.models) {
        const model = await load(spec);
        models.push(model);
        // The GPU backends compile shaders on a first predict of each shape: both shapes are run now. On wasm and
        // cpu one sample does a model's first-predict work, ~1 ms while the worker waits for the first shard anyway
        // (bench:eval, alternating runs, two sets of 16 each: verdict medians 372 → 364 and 362 → 358 ms; a full
        // batch of zeros here instead took 337 → 353 ms).
        if (COMPILING.has(name)) warmUp(model, [CHECK_SAMPLES, message.batchSize ?? BATCH_SIZES[name]]);
        else warmUp(model, [1]);
      }
      preloaded.set(name, models);
    } catch {
      for (const model of models) model.dispose();
      // the run loads them again and reports what fails
    }
  }
}

/** The models on backend `name` (already the current backend; preloading done): preloaded ones, or loaded now. */
async function modelsOn(name: BackendName, specs: WorkerRequest["models"]): Promise<LayersModel[]> {
  const ready = preloaded.get(name);
  preloaded.delete(name);
  if (ready && ready.length === specs.length) return ready;
  const models: LayersModel[] = [];
  for (const spec of specs) models.push(await load(spec));
  return models;
}

/**
 * Times every wanted backend on the probe batch (one predict per model, warm) and keeps its models; in "auto" those
 * ranked out (`ranked`) are reported, not timed. A lone contender is not timed: its outputs on the probe rows are taken
 * from the run itself.
 */
async function probe(request: WorkerRequest): Promise<Probed[]> {
  const probed: Probed[] = [];
  const rows = Math.min(CHECK_SAMPLES, request.n);
  const names = request.backend === "auto" ? ORDER : [request.backend];
  const noteOf = async (name: BackendName) =>
    (await softwareNote(name)) ?? (names.length > 1 ? ranked.get(name) : undefined);
  const contenders = (await Promise.all(names.map(noteOf))).filter((note) => !note).length;
  // Only a contest needs the probe rows before the run (a lone contender's first rows are compared from the run).
  if (contenders > 1) await rowsUpTo(rows);
  const x = contenders > 1 ? samples!.store.rowsOf(0, rows) : null;
  for (const name of names) {
    const note = await noteOf(name);
    if (note) {
      probed.push({ trial: { name, ran: false, note }, models: [] });
      continue;
    }
    let models: LayersModel[] = [];
    try {
      if (!(await tf.setBackend(name))) throw new Error("did not initialise");
      await tf.ready();
      const renderer = rendererOf(name);
      models = await modelsOn(name, request.models);
      const software = renderer && SOFTWARE_RENDERER.test(renderer);
      const trial: BackendTrial = { name, ran: true, note: software ? `software renderer (${renderer})` : renderer };
      if (x) {
        const started = performance.now();
        trial.outputs = models.map((model) => predictBatch(model, x, 0, rows, request.width));
        trial.probeMs = performance.now() - started;
      }
      probed.push({ trial, models });
    } catch (error) {
      for (const model of models) model.dispose();
      probed.push({ trial: { name, ran: false, note: (error as Error).message }, models: [] });
    }
  }
  return probed;
}

/** The CPU backend's answers on the probe rows: the reference every other backend must match. */
async function reference(request: WorkerReferenceRequest) {
  await initialised;
  await preloading;
  const started = performance.now();
  mark("r:start");
  if (!(await tf.setBackend("cpu"))) throw new Error("the CPU backend did not initialise");
  await tf.ready();
  const models = await modelsOn("cpu", request.models);
  try {
    const outputs = models.map((model) => predictBatch(model, request.x, 0, request.rows, request.width));
    mark("r:end");
    post(
      { type: "reference", outputs, ms: performance.now() - started, marks: takeMarks() },
      outputs.map((out) => out.buffer),
    );
  } finally {
    for (const model of models) model.dispose();
  }
}

/**
 * Initialises the backends the run may use (WASM compile, WebGL context…) before any model byte is here, so it
 * overlaps the download; a worker started ahead of its evaluation (`warm`) also runs the warm-up model. A backend
 * that fails here fails again, and is reported, when it is probed.
 */
async function initialise(backend: WorkerInit["backend"], warm: boolean): Promise<void> {
  const started = performance.now();
  wanted = backend === "auto" ? ORDER : [backend];
  const running: BackendName[] = [];
  for (const name of wanted) {
    if (await softwareNote(name)) continue;
    try {
      await importBackend(name);
      if (await tf.setBackend(name)) {
        await tf.ready();
        running.push(name);
        const predicts = WARM_UP_PREDICTS[name];
        if (warm && predicts)
          await warmKernels(predicts, WARM_UP_BATCH[name] ?? BATCH_SIZES[name], WARM_UP_SINGLES[name] ?? 0);
      }
    } catch {
      // reported by the probe
    }
  }
  if (backend === "auto") {
    let renderer: string | null = null;
    if (running.includes("webgl") && (await tf.setBackend("webgl"))) renderer = rendererOf("webgl");
    ranked = rankedOut(running, renderer);
  }
  post({ type: "ready", initMs: performance.now() - started });
}

let initialised: Promise<void> = Promise.resolve();

/**
 * How many predicts of each warm-up model (below) each backend gets before the click: enough for the engine to
 * optimise tfjs's per-batch JavaScript and, on WASM, to tier up the hot kernels. The CPU backend only answers the
 * check rows (one predict per model), but its JavaScript kernels must be optimised before the click too: with 12
 * predicts, TurboFan compiled tfjs-cpu's broadcasting binary kernel (the layers' bias add) only when the reference ran,
 * a 27 ms compile on a core that inference needed (V8's log in bench:eval); with 40 it is done when the panel opens.
 * GPU backends compile shaders per shape: not warmed here.
 */
const WARM_UP_PREDICTS: Partial<Record<BackendName, number>> = { wasm: 40, cpu: 40 };

/**
 * Then one-sample predicts of each warm-up model: tfjs's JavaScript per predict (layers, kernels' dispatch, tensor
 * bookkeeping) does not depend on the batch, and 40 batches left most of it at V8's baseline tier, to be optimised
 * during the run's first few hundred milliseconds (V8's log in bench:eval: ~70 Maglev compiles after the click).
 */
const WARM_UP_SINGLES: Partial<Record<BackendName, number>> = { wasm: 300 };

/** Samples per warm-up predict: the batch the backend will run (the check rows, for the CPU reference). */
const WARM_UP_BATCH: Partial<Record<BackendName, number>> = { wasm: BATCH_SIZES.wasm, cpu: CHECK_SAMPLES };

/**
 * Runs a small convolutional network and a dense one (the layer kinds of the allowlist's common models) on zeros,
 * alternately, through `predictBatch` with a batch of the run's size, when the worker starts — before any model is
 * known, while the holder reads the proposal: the engine compiles its optimised code for tfjs's kernels and per-batch
 * paths now rather than during the evaluation's first batches, where that work competes with inference for the
 * cores. They are saved and loaded again as the real models are (`serialised`, `load`), so the loading code and the
 * objects it makes are the run's too. The real models' first batch is still timed as their warm-up.
 */
async function warmKernels(predicts: number, batch: number, singles: number): Promise<void> {
  const built = [
    sequential({
      layers: [
        layers.conv2d({ inputShape: [16, 16, 1], filters: 8, kernelSize: 3, activation: "relu" }),
        layers.maxPooling2d({ poolSize: 2 }),
        layers.conv2d({ filters: 16, kernelSize: 3, activation: "relu" }),
        layers.maxPooling2d({ poolSize: 2 }),
        layers.flatten(),
        layers.dense({ units: 10, activation: "softmax" }),
      ],
    }),
    sequential({
      layers: [
        layers.dense({ inputShape: [64], units: 32, activation: "relu" }),
        layers.dense({ units: 10, activation: "softmax" }),
      ],
    }),
  ];
  const models: LayersModel[] = [];
  try {
    for (const model of built) models.push(await load(await serialised(model)));
  } finally {
    for (const model of built) model.dispose();
  }
  try {
    const widths = models.map((model) => (model.inputs[0].shape.slice(1) as number[]).reduce((a, b) => a * b, 1));
    const x = new Float32Array(batch * Math.max(...widths));
    for (let time = 0; time < predicts; time++)
      for (const [index, model] of models.entries()) predictBatch(model, x, 0, batch, widths[index]);
    for (let time = 0; time < singles; time++)
      for (const [index, model] of models.entries()) predictBatch(model, x, 0, 1, widths[index]);
  } finally {
    for (const model of models) model.dispose();
  }
}

/** A model as the run receives one (topology and weight specs as JSON text, weight bytes), from an in-memory save. */
async function serialised(model: LayersModel): Promise<ModelPayload> {
  let payload: ModelPayload | null = null;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const data = artifacts.weightData ?? new ArrayBuffer(0);
      payload = {
        key: model.name,
        topology: JSON.stringify(artifacts.modelTopology),
        weightSpecs: JSON.stringify(artifacts.weightSpecs ?? []),
        weights: Array.isArray(data) ? tf.io.concatenateArrayBuffers(data) : data,
      };
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON" } };
    }),
  );
  if (!payload) throw new Error("the warm-up model was not saved");
  return payload;
}

/**
 * Runs every model on the fastest backend that works, chunk by chunk as the samples arrive (CHUNK_ROWS): every model
 * runs a chunk before the next one is taken, so a shard is done while the next downloads. Whether that backend agrees
 * with the reference is judged by the caller (agreement.ts) before any verdict.
 */
async function run(request: WorkerRequest) {
  await initialised;
  mark("w:run");
  await preloading;
  mark("w:preloaded");
  cancelled = false;
  const n = request.n;
  samples = { store: createRowStore(request.width), waitMs: 0, wake: null };
  for (const message of early.splice(0)) addRows(message);
  const rows = Math.min(CHECK_SAMPLES, n);
  post({ type: "phase", phase: "choosing backend" });
  const chooseStart = performance.now();
  const probed = await probe(request);
  const fastest = probed
    .filter((entry) => entry.trial.ran)
    .sort((a, b) => (a.trial.probeMs ?? 0) - (b.trial.probeMs ?? 0))[0];
  for (const entry of probed) if (entry !== fastest) for (const model of entry.models) model.dispose();
  for (const models of preloaded.values()) for (const model of models) model.dispose();
  preloaded.clear();
  if (!fastest)
    throw new Error(
      `no backend could run the models: ${probed.map((p) => `${p.trial.name}: ${p.trial.note}`).join("; ")}`,
    );
  const chosen = fastest.trial.name;
  const batchSize = request.batchSize ?? BATCH_SIZES[chosen];
  await tf.setBackend(chosen);
  await tf.ready();
  const chooseMs = performance.now() - chooseStart;
  mark("w:chosen");
  post({ type: "phase", phase: "inference" });
  // Loaded (and warmed) on this backend before; each model's first full batch is timed as its warm-up, and kept.
  const runs: (ModelRun & { done: number })[] = request.models.map((spec) => ({
    key: spec.key,
    outputs: new Float32Array(n * request.classes),
    parseMs: 0,
    warmupMs: 0,
    inferenceMs: 0,
    done: 0,
  }));
  // Progress goes to the page at most every PROGRESS_MS (and at the end): small batches would otherwise post hundreds
  // of messages, each a re-render there.
  let lastProgress = -Infinity;
  const chunkRows = batchSize * Math.max(1, Math.round(CHUNK_ROWS / batchSize));
  try {
    for (let start = 0; start < n;) {
      // Whole batches of the rows that are here (at least one; the last batch may be short), up to a chunk: each
      // model runs all of them before the next model starts, as the floor does, so a model's weights and its
      // kernels' buffers stay in the core's caches (alternating the models batch by batch, the run's pace once the
      // download was over stayed ~40 % slower than the floor's in bench:eval's timelines; in chunks it matches it).
      await rowsUpTo(Math.min(n, start + batchSize));
      const arrived = samples.store.rows;
      const here = arrived === n ? n : start + Math.floor((arrived - start) / batchSize) * batchSize;
      const end = Math.min(here, start + chunkRows);
      mark(`w:chunk ${start}-${end}`);
      // Each batch's samples are copied into the backend once, for every model (a model's input is a reshape of
      // them, which copies nothing), and released with the chunk.
      const inputs: tf.Tensor[] = [];
      try {
        for (let batch = start; batch < end; batch += batchSize) {
          const count = Math.min(batchSize, end - batch);
          inputs.push(tf.tensor(samples.store.rowsOf(batch, count), [count, request.width], "float32"));
        }
        for (const [index, entry] of runs.entries()) {
          const model = fastest.models[index];
          const shape = inputShapeOf(model, request.width);
          for (let batch = start, at = 0; batch < end; batch += batchSize, at++) {
            if (cancelled) throw new Error("cancelled");
            const count = Math.min(batchSize, end - batch);
            const batchStart = performance.now();
            entry.outputs.set(predictOn(model, inputs[at], shape), batch * request.classes);
            const elapsed = performance.now() - batchStart;
            if (batch === 0) entry.warmupMs = elapsed;
            else entry.inferenceMs += elapsed;
            entry.done = batch + count;
            if (entry.done === n || performance.now() - lastProgress >= PROGRESS_MS) {
              lastProgress = performance.now();
              const everyModel = Math.min(...runs.map((run) => run.done));
              post({ type: "progress", model: entry.key, done: everyModel, total: n });
            }
          }
        }
      } finally {
        for (const input of inputs) input.dispose();
      }
      start = end;
    }
  } finally {
    for (const model of fastest.models) model.dispose();
  }
  mark("w:end");
  // The samples stay here: sent back, 31 MB of them reached the page as the verdict was computed there and set off a
  // major GC in it (a Chromium trace of bench:eval).
  lastRun = request.measureFloor ? { ...request, batchSize, store: samples.store } : null;
  const trials = probed.map((entry) =>
    entry === fastest && !entry.trial.outputs
      ? { ...entry.trial, outputs: runs.map((run) => run.outputs.slice(0, rows * request.classes)) }
      : entry.trial,
  );
  const result: WorkerResponse = {
    type: "result",
    backend: chosen,
    trials,
    runs,
    tensorsLeft: tf.memory().numTensors,
    chooseMs,
    rowsWaitMs: samples.waitMs,
    batchSize,
    marks: takeMarks(),
  };
  post(
    result,
    runs.map((entry) => entry.outputs.buffer),
  );
}

/** The most rows each model runs on before the other models get them (whole batches). */
const CHUNK_ROWS = 1024;

/** The shortest time between two progress messages of a run. */
const PROGRESS_MS = 50;

type FloorRun = WorkerRequest & { batchSize: number; store: RowStore };
/** The run the floor is measured for (its models, the batch size it used and its samples), when it asked for one. */
let lastRun: FloorRun | null = null;

/** The floor: models already loaded and warm, every batch already a tensor; only predict and read back. */
async function measureFloor(request: FloorRun | null): Promise<number> {
  if (!request) throw new Error("no run asked for a floor");
  let total = 0;
  for (const spec of request.models) {
    const model = await load(spec);
    const shape = inputShapeOf(model, request.width);
    const batches: tf.Tensor[] = [];
    for (let start = 0; start < request.n; start += request.batchSize) {
      const count = Math.min(request.batchSize, request.n - start);
      batches.push(tf.tensor(request.store.rowsOf(start, count), [count, ...shape]));
    }
    readOnce(model.predictOnBatch(batches[0]) as tf.Tensor);
    const started = performance.now();
    for (const batch of batches) readOnce(model.predictOnBatch(batch) as tf.Tensor);
    total += performance.now() - started;
    for (const batch of batches) batch.dispose();
    model.dispose();
  }
  return total;
}

self.onmessage = (event: MessageEvent<WorkerMessage>) => {
  const message = event.data;
  if (message.type === "cancel") {
    cancelled = true;
    samples?.wake?.();
  } else if (message.type === "rows") addRows(message);
  else if (message.type === "init") initialised = initialise(message.backend, message.warm);
  else if (message.type === "models") preloading = preload(message);
  else if (message.type === "floor")
    measureFloor(lastRun)
      .then((ms) => post({ type: "floor", ms }))
      .catch((error: Error) => post({ type: "error", message: error.message }));
  else if (message.type === "reference")
    reference(message).catch((error: Error) =>
      post({ type: "error", message: `the CPU reference failed: ${error.message}` }),
    );
  else run(message).catch((error: Error) => post({ type: "error", message: error.message }));
};
