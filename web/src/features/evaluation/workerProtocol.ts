export type BackendName = "webgpu" | "webgl" | "wasm" | "cpu";

/**
 * Sent as soon as the worker starts: load tfjs and initialise the backends while the bytes download. `warm`: also run
 * the warm-up model (worker.ts `warmKernels`), for a worker started ahead of its evaluation.
 */
export type WorkerInit = { type: "init"; backend: BackendName | "auto"; warm: boolean };

/**
 * A model for the worker: its topology and weight specs (checked by the page) as JSON text, parsed in the worker, and
 * its weight bytes. Text, not objects: objects that come by structured clone do not share the shapes (V8's maps) of
 * those the worker parses or builds itself, and tfjs's code that the warm-up had optimised was deoptimised on them
 * during the run (V8's log in bench:eval: 46 deoptimisations in the run, 23 with text).
 */
export type ModelPayload = { key: string; topology: string; weightSpecs: string; weights: ArrayBuffer };

/**
 * Starts the run. The samples follow in `rows` messages, in order (one per dataset shard, as each is verified and
 * decoded): the worker runs every batch whose rows have arrived while the next shard still downloads.
 */
export type WorkerRequest = {
  type: "run";
  models: ModelPayload[];
  n: number;
  /** Values per sample; each model's own input shape must hold exactly this many. */
  width: number;
  classes: number;
  /** Samples per predict; by default the one that is fastest on the backend that runs (worker.ts BATCH_SIZES). */
  batchSize?: number;
  backend: BackendName | "auto";
  /** Benchmark only: the worker stays after the result, for a `floor` request. */
  measureFloor?: boolean;
};

/** Samples [start, start + x.length / width) of the run, preprocessed; transferred, not copied. */
export type WorkerRows = { type: "rows"; start: number; x: Float32Array };
/** Samples from `start` on (rows × width values, row-major), as one rows message brought them. */
export type RowChunk = [start: number, x: Float32Array];

/**
 * Sent as soon as both models' files are verified and their model.json passed the bounds, while the dataset is still
 * downloading: the worker loads them on its backends and warms them up on zeros, so inference can start at once.
 */
export type WorkerPreload = {
  type: "models";
  models: WorkerRequest["models"];
  /** The run's batch size when one is asked for (else each backend's own), warmed up with the probe batch. */
  batchSize?: number;
};

/**
 * Asks a worker started for the CPU backend for its answers on the probe rows: the reference the chosen backend must
 * match. A second worker computes it, on another core, while the first runs the models.
 */
export type WorkerReferenceRequest = {
  type: "reference";
  models: WorkerRequest["models"];
  /** The first `rows` samples, preprocessed. */
  x: Float32Array;
  rows: number;
  width: number;
};

/**
 * Benchmark only, after the verdict: time bare batched predict of the run's models on tensors created up front from
 * the run's samples (kept in the worker), on the run's backend, warm: the floor.
 */
export type WorkerFloorRequest = { type: "floor" };

/** Everything the page sends the worker. */
export type WorkerMessage =
  | WorkerInit
  | WorkerPreload
  | WorkerRequest
  | WorkerRows
  | WorkerReferenceRequest
  | WorkerFloorRequest
  | { type: "cancel" };

/** What a backend did on the probe batch; whether it agrees with the CPU reference is judged where both meet. */
export type BackendTrial = {
  name: BackendName;
  /** It initialised and answered; `outputs` holds one Float32Array per model (rows × classes). */
  ran: boolean;
  /** Timed on the probe batch when several backends competed; a lone backend is not probed (its first rows are). */
  probeMs?: number;
  outputs?: Float32Array[];
  note: string | null;
};

export type BackendProbe = {
  name: BackendName;
  ok: boolean;
  probeMs?: number;
  maxDifference?: number;
  note: string | null;
};

/** A named instant on the wall clock shared by the page and its workers (trace.ts). */
export type TraceMark = [label: string, at: number];

export type ModelRun = { key: string; outputs: Float32Array; parseMs: number; warmupMs: number; inferenceMs: number };

export type WorkerResponse =
  | { type: "ready"; initMs: number }
  | { type: "phase"; phase: string }
  /** `done` samples have been through every model; `model` is the one running now. */
  | { type: "progress"; model: string; done: number; total: number }
  | {
      type: "result";
      backend: BackendName;
      trials: BackendTrial[];
      runs: ModelRun[];
      tensorsLeft: number;
      /** Time spent initialising and timing the backends on the probe batch. */
      chooseMs: number;
      /** How long the run waited for samples still downloading (the pipeline's stalls). */
      rowsWaitMs: number;
      /** Samples per predict, as asked or the chosen backend's own. */
      batchSize: number;
      /** The worker's timeline marks (trace.ts), for the benchmark. */
      marks: TraceMark[];
    }
  | { type: "floor"; ms: number }
  /** The CPU backend's answers on the probe rows, one per model (rows × classes), and how long they took. */
  | { type: "reference"; outputs: Float32Array[]; ms: number; marks: TraceMark[] }
  | { type: "error"; message: string };
