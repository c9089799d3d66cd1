// Workers started before an evaluation is asked for — when the evaluation panel opens — so that the click does not
// wait for tfjs to load and the backends to initialise (the WASM compile, a WebGL context): the holder reads the
// proposal meanwhile. One spare per backend choice and one for the CPU reference; each serves one evaluation and is
// replaced by the next `prepareWorkers`. Without a spare, an evaluation starts its own workers, as before.
import { startWorker, type EvaluationWorker } from "./workerClient.ts";
import type { BackendName } from "./workerProtocol.ts";

type WorkerKind = BackendName | "auto";

const spares = new Map<WorkerKind, EvaluationWorker>();

/** Starts (if not already there) the workers an evaluation on `backend` will use, and drops the other spares. */
export function prepareWorkers(backend: WorkerKind): void {
  // A run forced onto the CPU backend is its own reference.
  const wanted = new Set<WorkerKind>([backend, "cpu"]);
  for (const [kind, worker] of spares)
    if (!wanted.has(kind) || worker.dead()) {
      worker.terminate();
      spares.delete(kind);
    }
  // Started ahead of the click, they have time to warm the engine's code up too (worker.ts `warmKernels`).
  for (const kind of wanted) if (!spares.has(kind)) spares.set(kind, startWorker(kind, undefined, { warm: true }));
}

/** Resolves once every spare has loaded tfjs and initialised its backends. */
export async function sparesReady(): Promise<void> {
  await Promise.all([...spares.values()].map((worker) => worker.whenReady()));
}

/** A spare for `backend` if one is alive (it is then no longer a spare), or a worker started now. */
export function takeWorker(backend: WorkerKind, signal?: AbortSignal): EvaluationWorker {
  const spare = spares.get(backend);
  spares.delete(backend);
  if (spare && !spare.dead()) {
    if (signal) spare.watch(signal);
    return spare;
  }
  spare?.terminate();
  return startWorker(backend, signal);
}

/** Ends every spare (the panel closed). */
export function releaseWorkers(): void {
  for (const worker of spares.values()) worker.terminate();
  spares.clear();
}
