// The page's side of the evaluation worker: started as soon as an evaluation starts so tfjs loads and the backends
// initialise (WASM compile, WebGL context) while the bytes download. Requests transfer their buffers (no copy).
import type {
  BackendName,
  ReferenceRequest,
  WorkerInit,
  WorkerPreload,
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
  /** Runs the models; the samples come back in the result. */
  run(request: WorkerRequest, handlers?: WorkerHandlers): Promise<RunResult>;
  /** Loads and warms up the models ahead of the samples (their weights are transferred). */
  preload(message: WorkerPreload): void;
  /** The CPU backend's answers on the probe batch. */
  reference(request: ReferenceRequest): Promise<ReferenceResult>;
  terminate(): void;
};

/** Starts a worker that initialises `backend` ("auto": every backend it may probe) at once. One request per worker. */
export function startWorker(
  backend: BackendName | "auto",
  signal?: AbortSignal,
  onReady?: () => void,
): EvaluationWorker {
  const worker = new Worker(new URL("./worker.ts", import.meta.url), { type: "module" });
  let readyAt: number | null = null;
  let failure: Error | null = null;
  let pending: { resolve: (message: RunResult | ReferenceResult) => void; reject: (error: Error) => void } | null =
    null;
  let handlers: WorkerHandlers = {};
  const stop = () => fail(new DOMException("Evaluation cancelled", "AbortError") as Error);
  const terminate = () => {
    signal?.removeEventListener("abort", stop);
    worker.terminate();
  };
  function fail(error: Error) {
    terminate();
    failure ??= error;
    pending?.reject(failure);
    pending = null;
  }
  signal?.addEventListener("abort", stop, { once: true });
  worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
    const message = event.data;
    if (message.type === "ready") {
      readyAt = performance.now();
      onReady?.();
    } else if (message.type === "progress") handlers.onProgress?.(message.done, message.total, message.model);
    else if (message.type === "phase") handlers.onPhase?.(message.phase);
    else if (message.type === "error") fail(new Error(message.message));
    else {
      terminate();
      pending?.resolve(message);
      pending = null;
    }
  };
  worker.onerror = (event) => fail(new Error(`the evaluation worker failed: ${event.message}`));
  worker.postMessage({ type: "init", backend } satisfies WorkerInit);
  const ask = <T extends RunResult | ReferenceResult>(message: WorkerRequest | ReferenceRequest) =>
    new Promise<T>((resolve, reject) => {
      if (failure) return reject(failure);
      pending = { resolve: resolve as (message: RunResult | ReferenceResult) => void, reject };
      worker.postMessage(message, [message.x.buffer, ...message.models.map((model) => model.weights)]);
    });
  return {
    readyAt: () => readyAt,
    run(request, runHandlers = {}) {
      handlers = runHandlers;
      return ask<RunResult>(request);
    },
    reference: (request) => ask<ReferenceResult>(request),
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

/**
 * A worker started only when `start()` is called or a request needs it, so it does not compete with another one's
 * start-up; a preload sent before that waits for it.
 */
export function lazyWorker(backend: BackendName | "auto", signal?: AbortSignal): EvaluationWorker & { start(): void } {
  let worker: EvaluationWorker | null = null;
  let queued: WorkerPreload | null = null;
  const started = () => {
    if (!worker) {
      worker = startWorker(backend, signal);
      if (queued) worker.preload(queued);
      queued = null;
    }
    return worker;
  };
  return {
    start: () => void started(),
    readyAt: () => worker?.readyAt() ?? null,
    run: (request, handlers) => started().run(request, handlers),
    reference: (request) => started().reference(request),
    preload: (message) => (worker ? worker.preload(message) : (queued = message)),
    terminate: () => worker?.terminate(),
  };
}
