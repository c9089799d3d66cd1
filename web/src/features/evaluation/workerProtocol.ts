import type { io } from "@tensorflow/tfjs";

export type BackendName = "webgpu" | "webgl" | "wasm" | "cpu";

export type WorkerRequest = {
  type: "run";
  models: { key: string; modelJson: io.ModelJSON; weightSpecs: io.WeightsManifestEntry[]; weights: ArrayBuffer }[];
  x: Float32Array;
  n: number;
  /** Values per sample; each model's own input shape must hold exactly this many. */
  width: number;
  classes: number;
  batchSize: number;
  backend: BackendName | "auto";
  /** Benchmark only: also time bare batched predict on tensors created up front (the floor). */
  measureFloor?: boolean;
};

export type BackendProbe = {
  name: BackendName;
  ok: boolean;
  probeMs?: number;
  maxDifference?: number;
  note: string | null;
};

export type ModelRun = { key: string; outputs: Float32Array; parseMs: number; warmupMs: number; inferenceMs: number };

export type WorkerResponse =
  | { type: "phase"; phase: string }
  | { type: "progress"; model: string; done: number; total: number }
  | {
      type: "result";
      backend: BackendName;
      probes: BackendProbe[];
      runs: ModelRun[];
      tensorsLeft: number;
      /** Time spent measuring backends and checking them against CPU. */
      chooseMs: number;
      floorMs?: number;
    }
  | { type: "error"; message: string };
