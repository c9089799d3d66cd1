// Hostile artifacts are refused before tfjs sees a byte: sizes, layer classes, dtypes, shapes and weight paths are
// checked on the verified model.json, and the parameter count implied by the shapes must equal the verified weight
// bytes. Each refusal says what and where.
import type { Manifest } from "../../../../scripts/lib/manifest.ts";

export const LIMITS = {
  modelJsonBytes: 1 * 1024 * 1024,
  weightBytes: 64 * 1024 * 1024,
  datasetFileBytes: 128 * 1024 * 1024,
  /** All data files of a dataset together (a set split into shards may not hold more than one file could, + labels). */
  datasetBytes: 160 * 1024 * 1024,
  cardBytes: 256 * 1024,
  files: 64,
  parameters: 16 * 1024 * 1024,
  layers: 256,
} as const;

export const ALLOWED_LAYERS = new Set([
  "InputLayer",
  "Dense",
  "Conv2D",
  "DepthwiseConv2D",
  "SeparableConv2D",
  "MaxPooling2D",
  "AveragePooling2D",
  "GlobalAveragePooling2D",
  "GlobalMaxPooling2D",
  "Flatten",
  "Reshape",
  "Dropout",
  "Activation",
  "BatchNormalization",
  "ReLU",
  "Softmax",
]);

export const ALLOWED_DTYPES = new Set(["float32"]);

export class ArtifactRefusedError extends Error {
  readonly file: string;
  constructor(file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = "ArtifactRefusedError";
    this.file = file;
  }
}

type WeightEntry = { name: string; shape: number[]; dtype: string };
type ModelJson = {
  format?: string;
  modelTopology?: { model_config?: { class_name?: string; config?: { layers?: unknown[] } }; class_name?: string };
  weightsManifest?: { paths: string[]; weights: WeightEntry[] }[];
};

/** Checks sizes of every file of a directory against the caps, by its manifest (before fetching it). */
export function checkDirectorySizes(manifest: Manifest, kind: "model" | "dataset") {
  if (manifest.files.length > LIMITS.files)
    throw new ArtifactRefusedError("manifest.json", `${manifest.files.length} files (at most ${LIMITS.files})`);
  for (const file of manifest.files) {
    const cap =
      file.path === "model.json"
        ? LIMITS.modelJsonBytes
        : file.path === "card.json"
          ? LIMITS.cardBytes
          : kind === "model"
            ? LIMITS.weightBytes
            : LIMITS.datasetFileBytes;
    if (file.size > cap) throw new ArtifactRefusedError(file.path, `${file.size} bytes is over the ${cap}-byte limit`);
  }
  const total = manifest.files.reduce((sum, file) => sum + file.size, 0);
  if (kind === "dataset" && total > LIMITS.datasetBytes)
    throw new ArtifactRefusedError(
      "manifest.json",
      `the dataset's files hold ${total} bytes together, over the ${LIMITS.datasetBytes}-byte limit`,
    );
}

function layersOf(json: ModelJson): { class_name?: string; config?: { dtype?: unknown } }[] {
  const topology = json.modelTopology ?? {};
  const config = topology.model_config?.config ?? (topology as { config?: { layers?: unknown[] } }).config;
  const layers = config?.layers;
  if (!Array.isArray(layers)) throw new ArtifactRefusedError("model.json", "no layer list in modelTopology");
  return layers as { class_name?: string; config?: { dtype?: unknown } }[];
}

/**
 * Checks a verified model.json against the allowlists and the manifest; returns the total weight bytes it implies.
 * `manifest` is the directory's verified manifest: every weight path must be one of its files.
 */
export function checkModelJson(json: unknown, manifest: Manifest): { parameters: number; weightBytes: number } {
  if (typeof json !== "object" || json === null) throw new ArtifactRefusedError("model.json", "not a JSON object");
  const model = json as ModelJson;
  if (model.format !== undefined && model.format !== "layers-model")
    throw new ArtifactRefusedError("model.json", `format ${JSON.stringify(model.format)} is not "layers-model"`);
  const layers = layersOf(model);
  if (layers.length > LIMITS.layers)
    throw new ArtifactRefusedError("model.json", `${layers.length} layers (at most ${LIMITS.layers})`);
  for (const layer of layers) {
    const name = String(layer?.class_name);
    if (!ALLOWED_LAYERS.has(name))
      throw new ArtifactRefusedError("model.json", `layer class ${JSON.stringify(name)} is not on the allowlist`);
    const dtype = layer.config?.dtype;
    if (dtype !== undefined && !ALLOWED_DTYPES.has(String(dtype)))
      throw new ArtifactRefusedError("model.json", `layer dtype ${JSON.stringify(dtype)} is not on the allowlist`);
  }
  if (!Array.isArray(model.weightsManifest)) throw new ArtifactRefusedError("model.json", "no weightsManifest");
  const files = new Map(manifest.files.map((file) => [file.path, file.size]));
  let parameters = 0;
  let shardBytes = 0;
  for (const group of model.weightsManifest) {
    for (const path of group.paths ?? []) {
      const size = files.get(path);
      if (size === undefined)
        throw new ArtifactRefusedError("model.json", `weight path ${JSON.stringify(path)} is not in the manifest`);
      shardBytes += size;
    }
    for (const weight of group.weights ?? []) {
      if (!ALLOWED_DTYPES.has(weight.dtype))
        throw new ArtifactRefusedError("model.json", `weight ${weight.name} has dtype ${JSON.stringify(weight.dtype)}`);
      if (!Array.isArray(weight.shape) || weight.shape.some((d) => !Number.isSafeInteger(d) || d < 0))
        throw new ArtifactRefusedError("model.json", `weight ${weight.name} has an invalid shape`);
      const count = weight.shape.reduce((a, b) => a * b, 1);
      parameters += count;
      if (parameters > LIMITS.parameters)
        throw new ArtifactRefusedError(
          "model.json",
          `weight ${weight.name} of shape [${weight.shape.join(", ")}] takes the model over ${LIMITS.parameters} parameters`,
        );
    }
  }
  if (parameters * 4 !== shardBytes)
    throw new ArtifactRefusedError(
      "model.json",
      `its weight shapes need ${parameters * 4} bytes but the weight files hold ${shardBytes}`,
    );
  return { parameters, weightBytes: shardBytes };
}
