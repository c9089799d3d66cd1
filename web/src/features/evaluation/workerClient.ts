// The page's side of the evaluation worker: started as soon as an evaluation starts so tfjs loads and the backends
// initialise (WASM compile, WebGL context) while the bytes download. Requests transfer their buffers (no copy).
import type {
  BackendName,
  WorkerMessage,
  WorkerPreload,
  WorkerReferenceRequest,
  WorkerRequest,
  WorkerResponse,
} from "./workerProtocol.ts";

export type RunResult = Extract<WorkerResponse, { type: "result" }>;
export type ReferenceResult = Extract<WorkerResponse, { type: "reference" }>;
export type WorkerHandlers = {
  onProgress?: (done: number, total: number, model: string) => void;
  onPhase?: (phase: string) => void;
};

export type EvaluationWorker = {
  /** performance.now() when the worker had tfjs loaded and its backends initialised; null until then. */
  readyAt(): number | null;
  /** Resolves once tfjs is loaded and the backends are initialised (or the worker failed). */
  whenReady(): Promise<void>;
  /** The worker failed or was terminated: it can run nothing more. */
  dead(): boolean;
  /** Cancels what the worker does when `signal` aborts (for a worker started before its evaluation). */
  watch(signal: AbortSignal): void;
  /** Runs the models on the samples sent with `rows` (they stay in the worker, for the floor). */
  run(request: WorkerRequest, handlers?: WorkerHandlers): Promise<RunResult>;
  /** Sends the next samples of the run, from sample `start` (transferred). */
  rows(start: number, x: Float32Array): void;
  /** Loads and warms up the models ahead of the samples (their weights are transferred). */
  preload(message: WorkerPreload): void;
  /** Benchmark only, after a run with `measureFloor`: the floor on that run's samples. */
  floor(): Promise<number>;
  /** The CPU backend's answers on the probe rows (a worker started for "cpu"; weights and rows are transferred). */
  reference(message: WorkerReferenceRequest): Promise<ReferenceResult>;
  terminate(): void;
};

/**
 * Starts a worker that initialises `backend` ("auto": every backend it may probe) at once, and with `warm` runs the
 * warm-up model too (for a worker started before its evaluation). One run (or one reference) per worker.
 */
export function startWorker(
  backend: BackendName | "auto",
  signal?: AbortSignal,
  { warm = false }: { warm?: boolean } = {},
): EvaluationWorker {
  const worker = new Worker(new URL("./worker.ts", import.meta.url), { type: "module" });
  let readyAt: number | null = null;
  let markReady = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  let failure: Error | null = null;
  const signals: AbortSignal[] = [];
  type Pending<T> = { resolve: (message: T) => void; reject: (error: Error) => void } | null;
  let pending: Pending<RunResult> = null;
  let pendingReference: Pending<ReferenceResult> = null;
  let pendingFloor: Pending<number> = null;
  let keepAfterRun = false;
  let handlers: WorkerHandlers = {};
  const stop = () => fail(new DOMException("Evaluation cancelled", "AbortError") as Error);
  const terminate = () => {
    for (const watched of signals) watched.removeEventListener("abort", stop);
    failure ??= new Error("the evaluation worker was terminated");
    markReady();
    worker.terminate();
  };
  function fail(error: Error) {
    failure ??= error;
    terminate();
    pending?.reject(failure);
    pendingReference?.reject(failure);
    pendingFloor?.reject(failure);
    pending = pendingReference = pendingFloor = null;
  }
  const watch = (watched: AbortSignal) => {
    if (watched.aborted) return stop();
    signals.push(watched);
    watched.addEventListener("abort", stop, { once: true });
  };
  if (signal) watch(signal);
  worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
    const message = event.data;
    if (message.type === "ready") {
      readyAt = performance.now();
      markReady();
    } else if (message.type === "progress") handlers.onProgress?.(message.done, message.total, message.model);
    else if (message.type === "phase") handlers.onPhase?.(message.phase);
    else if (message.type === "error") fail(new Error(message.message));
    else if (message.type === "floor") {
      terminate();
      pendingFloor?.resolve(message.ms);
      pendingFloor = null;
    } else if (message.type === "reference") {
      terminate();
      pendingReference?.resolve(message);
      pendingReference = null;
    } else {
      if (!keepAfterRun) terminate();
      pending?.resolve(message);
      pending = null;
    }
  };
  worker.onerror = (event) => fail(new Error(`the evaluation worker failed: ${event.message}`));
  worker.postMessage({ type: "init", backend, warm } satisfies WorkerMessage);
  return {
    readyAt: () => readyAt,
    whenReady: () => ready,
    dead: () => failure !== null,
    watch,
    run(request, runHandlers = {}) {
      handlers = runHandlers;
      keepAfterRun = Boolean(request.measureFloor);
      return new Promise<RunResult>((resolve, reject) => {
        if (failure) return reject(failure);
        pending = { resolve, reject };
        worker.postMessage(
          request,
          request.models.map((model) => model.weights),
        );
      });
    },
    floor() {
      return new Promise<number>((resolve, reject) => {
        if (failure) return reject(failure);
        pendingFloor = { resolve, reject };
        worker.postMessage({ type: "floor" } satisfies WorkerMessage);
      });
    },
    reference(message) {
      return new Promise<ReferenceResult>((resolve, reject) => {
        if (failure) return reject(failure);
        pendingReference = { resolve, reject };
        worker.postMessage(message, [...message.models.map((model) => model.weights), message.x.buffer]);
      });
    },
    rows(start, x) {
      if (!failure) worker.postMessage({ type: "rows", start, x } satisfies WorkerMessage, [x.buffer]);
    },
    preload(message) {
      if (!failure)
        worker.postMessage(
          message,
          message.models.map((model) => model.weights),
        );
    },
    terminate,
  };
}
