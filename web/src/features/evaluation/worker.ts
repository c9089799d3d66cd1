// Runs both models in a Web Worker so the page stays responsive. It picks the backend by measuring: every backend that
// initialises is timed on the same small batch and must agree with the CPU backend (same argmax, logits within 1e-4)
// before it is trusted; a software GPU (WebGPU fallback adapter) is reported and skipped, a SwiftShader WebGL is
// measured like any other. Bytes arrive verified; tfjs loads them from memory and fetches nothing.
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import "@tensorflow/tfjs-backend-webgpu";
import wasmPlain from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url";
import wasmSimd from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url";
import wasmThreaded from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url";
import type { BackendName, BackendProbe, WorkerRequest, WorkerResponse, ModelRun } from "./workerProtocol.ts";

setWasmPaths({
  "tfjs-backend-wasm.wasm": wasmPlain,
  "tfjs-backend-wasm-simd.wasm": wasmSimd,
  "tfjs-backend-wasm-threaded-simd.wasm": wasmThreaded,
});

const ORDER: BackendName[] = ["webgpu", "webgl", "wasm", "cpu"];
const PROBE_SAMPLES = 64;
const TOLERANCE = 1e-4;
let cancelled = false;

function post(message: WorkerResponse) {
  (self as unknown as Worker).postMessage(message);
}

async function load(model: WorkerRequest["models"][number]): Promise<tf.LayersModel> {
  return tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: model.modelJson.modelTopology,
      weightSpecs: model.weightSpecs,
      weightData: model.weights,
    }),
  );
}

function inputShapeOf(model: tf.LayersModel, width: number): number[] {
  const shape = model.inputs[0].shape.slice(1);
  if (shape.some((dimension) => dimension === null)) throw new Error("the model's input shape is not fully defined");
  const size = (shape as number[]).reduce((a, b) => a * b, 1);
  if (size !== width)
    throw new Error(
      `the model takes ${size} values per sample (shape [${shape.join(", ")}]) but a sample has ${width}`,
    );
  return shape as number[];
}

function predictBatch(model: tf.LayersModel, x: Float32Array, start: number, count: number, width: number) {
  const shape = inputShapeOf(model, width);
  return tf.tidy(() => {
    const input = tf.tensor(x.subarray(start * width, (start + count) * width), [count, ...shape], "float32");
    return (model.predict(input) as tf.Tensor).dataSync() as Float32Array;
  });
}

async function softwareNote(name: BackendName): Promise<string | null> {
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

async function probe(request: WorkerRequest, reference: Float32Array[]): Promise<BackendProbe[]> {
  const probes: BackendProbe[] = [];
  const wanted = request.backend === "auto" ? ORDER : [request.backend];
  for (const name of wanted) {
    const note = await softwareNote(name);
    if (note) {
      probes.push({ name, ok: false, note });
      continue;
    }
    try {
      if (!(await tf.setBackend(name))) throw new Error("did not initialise");
      await tf.ready();
      const renderer = rendererOf(name);
      let maxDifference = 0;
      let argmaxAgrees = true;
      const started = performance.now();
      for (const [index, spec] of request.models.entries()) {
        const model = await load(spec);
        predictBatch(model, request.x, 0, PROBE_SAMPLES, request.width); // warm-up
        const out = predictBatch(model, request.x, 0, PROBE_SAMPLES, request.width);
        model.dispose();
        const ref = reference[index];
        for (let i = 0; i < out.length; i++) maxDifference = Math.max(maxDifference, Math.abs(out[i] - ref[i]));
        const k = request.classes;
        for (let row = 0; row < PROBE_SAMPLES; row++)
          if (argmax(out, row, k) !== argmax(ref, row, k)) argmaxAgrees = false;
      }
      const probeMs = performance.now() - started;
      const agrees = argmaxAgrees && maxDifference <= TOLERANCE;
      probes.push({
        name,
        ok: agrees,
        probeMs,
        maxDifference,
        note: agrees
          ? renderer && /swiftshader|llvmpipe|software/i.test(renderer)
            ? `software renderer (${renderer})`
            : renderer
          : `disagrees with the CPU backend (max |Δlogit| ${maxDifference.toExponential(2)}${argmaxAgrees ? "" : ", different predictions"})`,
      });
    } catch (error) {
      probes.push({ name, ok: false, note: (error as Error).message });
    }
  }
  return probes;
}

function argmax(values: Float32Array, row: number, k: number) {
  let best = 0;
  for (let j = 1; j < k; j++) if (values[row * k + j] > values[row * k + best]) best = j;
  return best;
}

async function run(request: WorkerRequest) {
  cancelled = false;
  const samples = request.n;
  // The CPU backend's answers on the probe batch are the reference every other backend must match.
  await tf.setBackend("cpu");
  const reference: Float32Array[] = [];
  for (const spec of request.models) {
    const model = await load(spec);
    reference.push(predictBatch(model, request.x, 0, Math.min(PROBE_SAMPLES, samples), request.width));
    model.dispose();
  }
  post({ type: "phase", phase: "choosing backend" });
  const chooseStart = performance.now();
  const probes = await probe(request, reference);
  const usable = probes.filter((entry) => entry.ok).sort((a, b) => (a.probeMs ?? 0) - (b.probeMs ?? 0));
  const chosen = usable[0];
  if (!chosen)
    throw new Error(`no backend agreed with the CPU backend: ${probes.map((p) => `${p.name}: ${p.note}`).join("; ")}`);
  await tf.setBackend(chosen.name);
  await tf.ready();
  const chooseMs = performance.now() - chooseStart;
  const runs: ModelRun[] = [];
  for (const spec of request.models) {
    const parseStart = performance.now();
    const model = await load(spec);
    const parseMs = performance.now() - parseStart;
    const warmStart = performance.now();
    predictBatch(model, request.x, 0, Math.min(request.batchSize, samples), request.width);
    const warmupMs = performance.now() - warmStart;
    const outputs = new Float32Array(samples * request.classes);
    const inferenceStart = performance.now();
    for (let start = 0; start < samples; start += request.batchSize) {
      if (cancelled) {
        model.dispose();
        throw new Error("cancelled");
      }
      const count = Math.min(request.batchSize, samples - start);
      outputs.set(predictBatch(model, request.x, start, count, request.width), start * request.classes);
      post({ type: "progress", model: spec.key, done: start + count, total: samples });
    }
    const inferenceMs = performance.now() - inferenceStart;
    model.dispose();
    runs.push({ key: spec.key, outputs, parseMs, warmupMs, inferenceMs });
  }
  const floorMs = request.measureFloor ? await measureFloor(request) : undefined;
  post({ type: "result", backend: chosen.name, probes, runs, tensorsLeft: tf.memory().numTensors, chooseMs, floorMs });
}

/** The floor: models already loaded and warm, every batch already a tensor; only predict and read back. */
async function measureFloor(request: WorkerRequest): Promise<number> {
  let total = 0;
  for (const spec of request.models) {
    const model = await load(spec);
    const shape = inputShapeOf(model, request.width);
    const batches: tf.Tensor[] = [];
    for (let start = 0; start < request.n; start += request.batchSize) {
      const count = Math.min(request.batchSize, request.n - start);
      batches.push(
        tf.tensor(request.x.subarray(start * request.width, (start + count) * request.width), [count, ...shape]),
      );
    }
    tf.tidy(() => (model.predict(batches[0]) as tf.Tensor).dataSync());
    const started = performance.now();
    for (const batch of batches) tf.tidy(() => (model.predict(batch) as tf.Tensor).dataSync());
    total += performance.now() - started;
    for (const batch of batches) batch.dispose();
    model.dispose();
  }
  return total;
}

self.onmessage = (event: MessageEvent<WorkerRequest | { type: "cancel" }>) => {
  if (event.data.type === "cancel") {
    cancelled = true;
    return;
  }
  run(event.data).catch((error: Error) => post({ type: "error", message: error.message }));
};
