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
    /** The single features file (or `files` + `shardSamples`). */
    file?: string;
    /** The features shards, in sample order. */
    files?: string[];
    /** Samples in each shard (same order as `files`, and as `label.files`); they sum to `samples`. */
    shardSamples?: number[];
    dtype: FeatureDtype;
    /** [samples, elementsPerSample] */
    shape: [number, number];
    byteOrder?: "little-endian";
    layout: string;
    columns?: string[];
  };
  label: {
    /** The single labels file (or `files`, one per features shard). */
    file?: string;
    files?: string[];
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

/** One part of a dataset: its features and labels files, and which samples they hold. */
export interface DatasetShard {
  index: number;
  featuresFile: string;
  labelFile: string;
  /** Index of the shard's first sample in the whole dataset. */
  start: number;
  samples: number;
}

function product(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

const BYTES_PER_ELEMENT: Record<FeatureDtype, number> = { uint8: 1, float32: 4 };

/** The card's data files as shards (a single-file dataset is one shard). Checks the file lists' structure. */
export function datasetShards(card: DatasetCard): DatasetShard[] {
  const { features, label, samples } = card;
  const single = typeof features?.file === "string" || typeof label?.file === "string";
  const sharded = features?.files !== undefined || label?.files !== undefined || features?.shardSamples !== undefined;
  if (single && sharded)
    throw new Error("dataset card: give either features.file/label.file or features.files/label.files, not both");
  if (!sharded) {
    if (typeof features?.file !== "string" || typeof label?.file !== "string")
      throw new Error("dataset card: features.file and label.file must name the data files");
    return [{ index: 0, featuresFile: features.file, labelFile: label.file, start: 0, samples }];
  }
  const files = features.files;
  const labels = label.files;
  const counts = features.shardSamples;
  const isNames = (list: unknown): list is string[] =>
    Array.isArray(list) && list.length > 0 && list.every((name) => typeof name === "string" && name.length > 0);
  if (!isNames(files)) throw new Error("dataset card: features.files must list one or more shard file names");
  if (!isNames(labels) || labels.length !== files.length)
    throw new Error(`dataset card: label.files must list ${files.length} label shards, one per features shard`);
  if (!Array.isArray(counts) || counts.length !== files.length)
    throw new Error(
      `dataset card: features.shardSamples must give the sample count of each of the ${files.length} shards`,
    );
  if (counts.some((count) => !Number.isSafeInteger(count) || count < 1))
    throw new Error("dataset card: every features.shardSamples count must be a positive integer");
  const total = counts.reduce((a, b) => a + b, 0);
  if (total !== samples)
    throw new Error(`dataset card: features.shardSamples sum to ${total}, but the dataset has ${samples} samples`);
  const names = [...files, ...labels];
  const repeated = names.find((name, i) => names.indexOf(name) !== i);
  if (repeated !== undefined) throw new Error(`dataset card: shard file ${JSON.stringify(repeated)} is listed twice`);
  let start = 0;
  return files.map((file, index) => {
    const shard = { index, featuresFile: file, labelFile: labels[index], start, samples: counts[index] };
    start += counts[index];
    return shard;
  });
}

/**
 * Checks every data file of the card against the sizes its dtype and shape imply: in the card's own `files` digests,
 * and (when given, e.g. from the verified manifest) in `available` (path -> size), where every file must be listed.
 */
function checkDataFileSizes(card: DatasetCard, shards: DatasetShard[], available?: ReadonlyMap<string, number>) {
  const width = card.features.shape[1];
  const expected: [string, number][] = shards.flatMap((shard): [string, number][] => [
    [shard.featuresFile, shard.samples * width * BYTES_PER_ELEMENT[card.features.dtype]],
    [shard.labelFile, shard.samples],
  ]);
  for (const [file, size] of expected) {
    const digest = card.files?.[file];
    if (!digest) throw new Error(`dataset card: data file ${file} is not listed in the card's files`);
    if (digest.size !== size)
      throw new Error(`dataset card: ${file} must be ${size} bytes (dtype × shape), the card says ${digest.size}`);
    if (available) {
      const actual = available.get(file);
      if (actual === undefined) throw new Error(`dataset card: data file ${file} is not in the manifest`);
      if (actual !== size)
        throw new Error(`dataset card: ${file} must be ${size} bytes (dtype × shape), the manifest says ${actual}`);
    }
  }
}

/**
 * Structural validation of a parsed dataset card; throws naming the problem. `available` (path -> size, e.g. the
 * verified manifest's entries) additionally requires every data file to be there with the size its shape implies.
 * Returns the card's shards.
 */
export function checkDatasetCard(card: DatasetCard, available?: ReadonlyMap<string, number>): DatasetShard[] {
  if (card?.schema !== DATASET_CARD_SCHEMA) throw new Error(`dataset card: schema must be "${DATASET_CARD_SCHEMA}"`);
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
  const shards = datasetShards(card);
  checkDataFileSizes(card, shards, available);
  return shards;
}

/** Throws unless `bytes` is exactly the size of `shard`'s features (the whole dataset when no shard is given). */
export function checkFeatureBytes(card: DatasetCard, bytes: Uint8Array, shard?: DatasetShard): void {
  const samples = shard?.samples ?? card.features.shape[0];
  const size = samples * card.features.shape[1] * (BYTES_PER_ELEMENT[card.features.dtype] ?? NaN);
  const file = shard?.featuresFile ?? card.features.file ?? "features";
  if (bytes.length !== size) throw new Error(`${file}: expected ${size} bytes, got ${bytes.length}`);
}

/** Reads the raw (unpreprocessed) feature values of a features file (or of one shard) as numbers. */
export function decodeRawFeatures(card: DatasetCard, bytes: Uint8Array, shard?: DatasetShard): Float64Array {
  checkFeatureBytes(card, bytes, shard);
  const count = bytes.length / BYTES_PER_ELEMENT[card.features.dtype];
  if (card.features.dtype === "uint8") return Float64Array.from(bytes);
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

/** Decodes labels (of the whole dataset, or of one shard), checking every label is a valid class index. */
export function decodeLabels(card: DatasetCard, bytes: Uint8Array, shard?: DatasetShard): Uint8Array {
  const samples = shard?.samples ?? card.samples;
  const file = shard?.labelFile ?? card.label.file ?? "labels";
  if (bytes.length !== samples) throw new Error(`${file}: expected ${samples} bytes, got ${bytes.length}`);
  const k = card.label.classes.length;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] >= k) throw new Error(`${file}: label ${bytes[i]} at index ${i} is not a class index < ${k}`);
  }
  return new Uint8Array(bytes);
}

/**
 * Decodes a dataset from its card and data files (already verified against the manifest by the caller) and
 * applies its preprocessing. A sharded dataset takes one buffer per shard, in the card's order, for features and for
 * labels; a single-file one takes the two buffers (or one-element lists).
 */
export function decodeDataset(
  card: DatasetCard,
  featureBytes: Uint8Array | readonly Uint8Array[],
  labelBytes: Uint8Array | readonly Uint8Array[],
): DecodedDataset {
  const shards = checkDatasetCard(card);
  const features = featureBytes instanceof Uint8Array ? [featureBytes] : featureBytes;
  const labels = labelBytes instanceof Uint8Array ? [labelBytes] : labelBytes;
  if (features.length !== shards.length || labels.length !== shards.length)
    throw new Error(
      `dataset: expected ${shards.length} features and labels buffers, got ${features.length} and ${labels.length}`,
    );
  const width = card.features.shape[1];
  const x = new Float32Array(card.samples * width);
  const y = new Uint8Array(card.samples);
  for (const shard of shards) {
    x.set(preprocess(card.preprocessing, decodeRawFeatures(card, features[shard.index], shard)), shard.start * width);
    y.set(decodeLabels(card, labels[shard.index], shard), shard.start);
  }
  return { samples: card.samples, width, x, y, classes: card.label.classes };
}

/** File names of shard `index`: features-000.bin and labels-000.bin, … */
export function shardFileNames(index: number): { features: string; label: string } {
  const n = String(index).padStart(3, "0");
  return { features: `features-${n}.bin`, label: `labels-${n}.bin` };
}

/**
 * Splits a dataset's features and labels (row-major, `featureBytesPerSample` bytes a sample) into shards of `counts`
 * samples, named by shardFileNames; with `counts` of one entry, the single-file form (features.bin, labels.bin).
 */
export function splitIntoShards(
  features: Uint8Array,
  labels: Uint8Array,
  counts: readonly number[],
  featureBytesPerSample: number,
): { path: string; bytes: Uint8Array }[] {
  const files: { path: string; bytes: Uint8Array }[] = [];
  let start = 0;
  counts.forEach((count, index) => {
    const names = counts.length === 1 ? { features: "features.bin", label: "labels.bin" } : shardFileNames(index);
    const end = start + count;
    files.push({
      path: names.features,
      bytes: features.subarray(start * featureBytesPerSample, end * featureBytesPerSample),
    });
    files.push({ path: names.label, bytes: labels.subarray(start, end) });
    start = end;
  });
  return files;
}

/**
 * `card` (single-file or sharded) describing instead `counts.length` shards of `counts` samples, named by
 * shardFileNames (one count: the single-file form), whose data files have the digests `files`.
 */
export function withShards(
  card: DatasetCard,
  counts: readonly number[],
  files: Record<string, FileDigest>,
): DatasetCard {
  const samples = counts.reduce((a, b) => a + b, 0);
  const { file: _features, files: _featureShards, shardSamples: _counts, ...features } = card.features;
  const { file: _label, files: _labelShards, ...label } = card.label;
  const names = counts.map((_, index) => shardFileNames(index));
  const single = counts.length === 1;
  return {
    ...card,
    samples,
    features: {
      ...features,
      shape: [samples, card.features.shape[1]],
      ...(single ? { file: "features.bin" } : { files: names.map((name) => name.features), shardSamples: [...counts] }),
    },
    label: {
      ...label,
      shape: [samples],
      ...(single ? { file: "labels.bin" } : { files: names.map((name) => name.label) }),
    },
    files,
  };
}
