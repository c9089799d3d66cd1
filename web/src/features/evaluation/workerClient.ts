// The page's side of the evaluation worker: started as soon as an evaluation starts so tfjs loads and the backends
// initialise (WASM compile, WebGL context) while the bytes download. Requests transfer their buffers (no copy).
import type { BackendName, WorkerMessage, WorkerPreload, WorkerRequest, WorkerResponse } from "./workerProtocol.ts";

export type RunResult = Extract<WorkerResponse, { type: "result" }>;
export type WorkerHandlers = {
  onProgress?: (done: number, total: number, model: string) => void;
  onPhase?: (phase: string) => void;
};

export type EvaluationWorker = {
  /** performance.now() when the worker had tfjs loaded and its backends initialised; null until then. */
  readyAt(): number | null;
  /** Runs the models on the samples sent with `rows`; the samples come back in the result. */
  run(request: WorkerRequest, handlers?: WorkerHandlers): Promise<RunResult>;
  /** Sends the next samples of the run, from sample `start` (transferred). */
  rows(start: number, x: Float32Array): void;
  /** Loads and warms up the models ahead of the samples (their weights are transferred). */
  preload(message: WorkerPreload): void;
  terminate(): void;
};

/**
 * Starts a worker that initialises `backend` ("auto": every backend it may probe) and the CPU backend (the reference)
 * at once. One run per worker.
 */
export function startWorker(backend: BackendName | "auto", signal?: AbortSignal): EvaluationWorker {
  const worker = new Worker(new URL("./worker.ts", import.meta.url), { type: "module" });
  let readyAt: number | null = null;
  let failure: Error | null = null;
  let pending: { resolve: (message: RunResult) => void; reject: (error: Error) => void } | null = null;
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
    if (message.type === "ready") readyAt = performance.now();
    else if (message.type === "progress") handlers.onProgress?.(message.done, message.total, message.model);
    else if (message.type === "phase") handlers.onPhase?.(message.phase);
    else if (message.type === "error") fail(new Error(message.message));
    else {
      terminate();
      pending?.resolve(message);
      pending = null;
    }
  };
  worker.onerror = (event) => fail(new Error(`the evaluation worker failed: ${event.message}`));
  worker.postMessage({ type: "init", backend } satisfies WorkerMessage);
  return {
    readyAt: () => readyAt,
    run(request, runHandlers = {}) {
      handlers = runHandlers;
      return new Promise<RunResult>((resolve, reject) => {
        if (failure) return reject(failure);
        pending = { resolve, reject };
        worker.postMessage(
          request,
          request.models.map((model) => model.weights),
        );
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
