/**
 * Dataset cards (format "modeldao-dataset-card/1") and the exact decoding + preprocessing an evaluator applies.
 * Shared by Node scripts and the browser: pure functions, no Node APIs, no tfjs.
 *
 * Preprocessing is declared by the *dataset* card (a governance-whitelisted artefact), not by the model being
 * evaluated, so a submitter cannot change how evaluation data is fed to its model. Steps, in this order, applied to
 * every element `raw` of a sample (j = index of the element within the flattened sample):
 *   1. cast:        x = raw as a JavaScript number (uint8 → 0..255; float32 → its exact value)
 *   2. scale:       x = x * scale                          (if `scale` is present)
 *   3. standardize: x = (x - mean[j]) / std[j]             (if `standardize` is present)
 *   4. store:       x is rounded to float32 (Math.fround), the model's input dtype
 * Arithmetic in steps 2-3 is IEEE-754 double precision, so the result is bit-identical in every JS engine.
 * The model then receives a tensor of shape [batch, ...modelInputShape]; the flattened sample is reshaped to the
 * model's own input shape, whose size must equal the product of `sampleShape`.
 */

export const DATASET_CARD_SCHEMA = "modeldao-dataset-card/1";

export type FeatureDtype = "uint8" | "float32";

export interface Standardize {
  mean: number[];
  std: number[];
  /** Which dataset the statistics were computed on (always the training part). */
  computedOn: string;
  /** Population standard deviation (divides by N): ddof = 0. */
  ddof: 0;
}

export interface Preprocessing {
  /** The dtype given to the model. */
  cast: "float32";
  scale?: number;
  standardize?: Standardize;
  /** Logical shape of one sample (the flattened sample has prod(sampleShape) elements). */
  sampleShape: number[];
  /** Human-readable restatement of the steps. */
  description: string;
}

export interface FileDigest {
  size: number;
  sha256: string;
}

export interface DatasetCard {
  schema: typeof DATASET_CARD_SCHEMA;
  id: string;
  name: string;
  description: string;
  license: string;
  licenseNotes?: string;
  source: string;
  originalSource?: string;
  creator: string;
  citation?: string;
  task: "image-classification" | "tabular-classification";
  samples: number;
  features: {
    file: string;
    dtype: FeatureDtype;
    /** [samples, elementsPerSample] */
    shape: [number, number];
    byteOrder?: "little-endian";
    layout: string;
    columns?: string[];
  };
  label: {
    file: string;
    dtype: "uint8";
    shape: [number];
    classes: string[];
  };
  preprocessing: Preprocessing;
  split: {
    method: string;
    seed: number;
    prng: string;
    /** The dataset ids produced by the same split, and their sizes. */
    parts: Record<string, number>;
    classCounts: number[];
    droppedRows?: number;
    droppedReason?: string;
  };
  /** size and sha256 of each data file (also covered by manifest.json). */
  files: Record<string, FileDigest>;
  [extra: string]: unknown;
}

export interface DecodedDataset {
  samples: number;
  /** Elements per sample. */
  width: number;
  /** Preprocessed inputs, row-major [samples, width]. */
  x: Float32Array;
  /** Class indices. */
  y: Uint8Array;
  classes: string[];
}

function product(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Light structural validation of a parsed dataset card; throws naming the problem. */
export function checkDatasetCard(card: DatasetCard): void {
  if (card.schema !== DATASET_CARD_SCHEMA) throw new Error(`dataset card: schema must be "${DATASET_CARD_SCHEMA}"`);
  const { features, label, preprocessing, samples } = card;
  if (!Number.isInteger(samples) || samples < 1) throw new Error("dataset card: samples must be a positive integer");
  if (features.dtype !== "uint8" && features.dtype !== "float32") {
    throw new Error(`dataset card: unsupported features dtype ${JSON.stringify(features.dtype)}`);
  }
  if (features.shape.length !== 2 || features.shape[0] !== samples) {
    throw new Error(`dataset card: features.shape must be [samples, width] with samples = ${samples}`);
  }
  if (label.dtype !== "uint8" || label.shape.length !== 1 || label.shape[0] !== samples) {
    throw new Error(`dataset card: label must be uint8 with shape [${samples}]`);
  }
  if (!Array.isArray(label.classes) || label.classes.length < 2 || label.classes.length > 256) {
    throw new Error("dataset card: label.classes must list 2..256 class names");
  }
  if (preprocessing.cast !== "float32") throw new Error("dataset card: preprocessing.cast must be float32");
  const width = features.shape[1];
  if (product(preprocessing.sampleShape) !== width) {
    throw new Error(
      `dataset card: preprocessing.sampleShape ${JSON.stringify(preprocessing.sampleShape)} does not have ${width} elements`,
    );
  }
  if (preprocessing.scale !== undefined && !Number.isFinite(preprocessing.scale)) {
    throw new Error("dataset card: preprocessing.scale must be a finite number");
  }
  const st = preprocessing.standardize;
  if (st !== undefined) {
    if (st.mean.length !== width || st.std.length !== width) {
      throw new Error(`dataset card: standardize.mean/std must have ${width} entries`);
    }
    if (st.std.some((s) => !(s > 0) || !Number.isFinite(s)) || st.mean.some((m) => !Number.isFinite(m))) {
      throw new Error("dataset card: standardize needs finite means and positive finite stds");
    }
  }
}

/** Reads the raw (unpreprocessed) feature values of a features file as numbers. */
export function decodeRawFeatures(card: DatasetCard, bytes: Uint8Array): Float64Array {
  const [n, width] = card.features.shape;
  const count = n * width;
  if (card.features.dtype === "uint8") {
    if (bytes.length !== count) throw new Error(`${card.features.file}: expected ${count} bytes, got ${bytes.length}`);
    return Float64Array.from(bytes);
  }
  if (bytes.length !== count * 4)
    throw new Error(`${card.features.file}: expected ${count * 4} bytes, got ${bytes.length}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}

/** Applies the card's preprocessing (see the module comment) to raw values, returning float32 model inputs. */
export function preprocess(preprocessing: Preprocessing, raw: ArrayLike<number>): Float32Array {
  const width = product(preprocessing.sampleShape);
  if (raw.length % width !== 0) throw new Error(`feature count ${raw.length} is not a multiple of ${width}`);
  const { scale, standardize } = preprocessing;
  const out = new Float32Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    let x = raw[i];
    if (scale !== undefined) x = x * scale;
    if (standardize !== undefined) {
      const j = i % width;
      x = (x - standardize.mean[j]) / standardize.std[j];
    }
    out[i] = x; // Float32Array stores Math.fround(x)
  }
  return out;
}

/** Decodes labels, checking every label is a valid class index. */
export function decodeLabels(card: DatasetCard, bytes: Uint8Array): Uint8Array {
  if (bytes.length !== card.samples)
    throw new Error(`${card.label.file}: expected ${card.samples} bytes, got ${bytes.length}`);
  const k = card.label.classes.length;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] >= k)
      throw new Error(`${card.label.file}: label ${bytes[i]} at index ${i} is not a class index < ${k}`);
  }
  return new Uint8Array(bytes);
}

/**
 * Decodes a dataset from its card and data files (already verified against the manifest by the caller) and
 * applies its preprocessing.
 */
export function decodeDataset(card: DatasetCard, featureBytes: Uint8Array, labelBytes: Uint8Array): DecodedDataset {
  checkDatasetCard(card);
  const raw = decodeRawFeatures(card, featureBytes);
  return {
    samples: card.samples,
    width: card.features.shape[1],
    x: preprocess(card.preprocessing, raw),
    y: decodeLabels(card, labelBytes),
    classes: card.label.classes,
  };
}
