// Decoding the evaluation set by its card, one shard at a time (a single-file dataset is one shard). The common case —
// uint8 features, scaled, not standardised — goes through a 256-entry table instead of scripts/lib/dataset.ts's
// float64 copy of every value (63 MB for 10,000 digits); the values are the same bit for bit (float32(pixel * scale)),
// which web/test/evaluation/decode.test.ts checks.
import {
  checkDatasetCard,
  checkFeatureBytes,
  decodeLabels,
  decodeRawFeatures,
  preprocess,
  type DatasetCard,
  type DatasetShard,
  type DecodedDataset,
} from "../../../../scripts/lib/dataset.ts";

/**
 * The preprocessed inputs of one shard (the card already checked by checkDatasetCard); with no shard, of the whole set
 * (every shard's features in sample order, as the shard stream keeps them in `featureBytes`).
 */
export function decodeShardFeatures(
  card: DatasetCard,
  shard: DatasetShard | undefined,
  features: Uint8Array,
): Float32Array {
  if (card.features.dtype !== "uint8" || card.preprocessing.standardize !== undefined)
    return preprocess(card.preprocessing, decodeRawFeatures(card, features, shard));
  checkFeatureBytes(card, features, shard);
  const scale = card.preprocessing.scale;
  const table = new Float32Array(256);
  for (let value = 0; value < 256; value++) table[value] = scale === undefined ? value : value * scale;
  return lookUp(table, features, decodeMemory(features.length));
}

/**
 * Arrays for decoded samples whose memory was written once when the evaluation panel opened (`reserveDecodeMemory`),
 * each taken by one shard (its samples are transferred to the worker with it).
 */
let reserved: Float32Array[] = [];
/** Data files smaller than this get no reserved memory (labels, cards: their first touch costs little). */
const RESERVE_MIN_BYTES = 64 * 1024;
/** The most reserved memory at once: the first shards are what inference waits for, the rest decode meanwhile. */
const RESERVE_MAX_BYTES = 64 * 1024 * 1024;

/**
 * Prepares memory for the decoded samples of a dataset's files (`fileSizes`: its manifest's), one array per file of
 * RESERVE_MIN_BYTES or more, sized for a value a byte (uint8 features, the common case), written once a page, one
 * array per task, up to RESERVE_MAX_BYTES. Memory the process gets from the system costs a page fault on its first
 * write: on the two-vCPU VM the benchmark runs on, decoding 784 KB of digits into a new array took 3.6–5.4 ms, into
 * one written before 0.6–1.4; for 10,000 digits that is ~45 ms of the page's thread during inference, on the vCPU
 * next to it (bench:eval, alternating runs, 20 each, this code against its parent: verdict − floor 152 → 131 ms;
 * the page's parse column 57 → 38 ms in an earlier version of it).
 * Decoding takes the smallest array at least its size, else new memory; `releaseDecodeMemory` gives them back.
 */
export function reserveDecodeMemory(fileSizes: number[]): void {
  releaseDecodeMemory();
  let budget = RESERVE_MAX_BYTES;
  const lengths = fileSizes.filter((size) => size >= RESERVE_MIN_BYTES && (budget -= size * 4) >= 0);
  const next = reserved;
  const touchNext = () => {
    const length = lengths.shift();
    if (length === undefined || next !== reserved) return;
    const memory = new Float32Array(length);
    for (let i = 0; i < length; i += 1024) memory[i] = 0.5;
    reserved.push(memory);
    setTimeout(touchNext, 0);
  };
  setTimeout(touchNext, 0);
}

/** Drops the reserved memory (the panel closed). */
export function releaseDecodeMemory(): void {
  reserved = [];
}

/** An array of `length` floats: from the reserved memory when some fits (its values are overwritten), else new. */
function decodeMemory(length: number): Float32Array {
  let best = -1;
  for (let i = 0; i < reserved.length; i++)
    if (reserved[i].length >= length && (best < 0 || reserved[i].length < reserved[best].length)) best = i;
  if (best < 0) return new Float32Array(length);
  const [memory] = reserved.splice(best, 1);
  return memory.length === length ? memory : new Float32Array(memory.buffer, 0, length);
}

/** Whether this platform stores the lowest byte of a word first (every platform browsers run on does). */
const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/**
 * `x[i] = table[bytes[i]]`: a function of its own, so the engine optimises it once and for all (`warmDecoding`).
 * Four bytes are read at a time from the first word boundary on: one load instead of four (in Node 22, 1,000 digits
 * took ~1.0 ms instead of ~1.8). The verified bytes of a shard are a view of the network's chunk (car-fetch.ts), so
 * they may start anywhere in a word: the bytes before the first boundary are read one by one.
 */
function lookUp(table: Float32Array, bytes: Uint8Array, x: Float32Array): Float32Array {
  let i = 0;
  if (LITTLE_ENDIAN) {
    const lead = Math.min(bytes.length, (4 - (bytes.byteOffset % 4)) % 4);
    for (; i < lead; i++) x[i] = table[bytes[i]];
    const words = new Uint32Array(bytes.buffer, bytes.byteOffset + lead, (bytes.length - lead) >> 2);
    for (let w = 0; w < words.length; w++, i += 4) {
      const word = words[w];
      x[i] = table[word & 255];
      x[i + 1] = table[(word >>> 8) & 255];
      x[i + 2] = table[(word >>> 16) & 255];
      x[i + 3] = table[word >>> 24];
    }
  }
  for (; i < bytes.length; i++) x[i] = table[bytes[i]];
  return x;
}

/**
 * Runs the decoding loop on made-up bytes until the engine has optimised it (the panel calls this when it opens): a
 * trace of an evaluation showed a fifth of the page's time in the first shards' decoding, run by the interpreter
 * while the optimised code was still compiling, on the core inference shares with everything else.
 */
export function warmDecoding(): void {
  const table = new Float32Array(256);
  const bytes = new Uint8Array(16 * 1024 + 3);
  const x = new Float32Array(bytes.length);
  // Shards' bytes start on a word or anywhere in one (car-fetch.ts hands a block over as a view): both kinds.
  for (let time = 0; time < 64; time++) lookUp(table, time % 2 ? bytes.subarray(1) : bytes, x);
}

/** The labels of one shard, each checked to be a class index. */
export function decodeShardLabels(card: DatasetCard, shard: DatasetShard, labels: Uint8Array): Uint8Array {
  return decodeLabels(card, labels, shard);
}

/** The preprocessed inputs and the labels of one shard (the card already checked by checkDatasetCard). */
export function decodeShard(
  card: DatasetCard,
  shard: DatasetShard,
  features: Uint8Array,
  labels: Uint8Array,
): { x: Float32Array; y: Uint8Array } {
  const y = decodeShardLabels(card, shard, labels);
  return { x: decodeShardFeatures(card, shard, features), y };
}

/** A single-file dataset, decoded whole (the same values as scripts/lib/dataset.ts's decodeDataset). */
export function decodeEvaluationData(card: DatasetCard, features: Uint8Array, labels: Uint8Array): DecodedDataset {
  const shards = checkDatasetCard(card);
  if (shards.length !== 1) throw new Error("dataset card: a sharded dataset is decoded shard by shard");
  const { x, y } = decodeShard(card, shards[0], features, labels);
  return { samples: card.samples, width: card.features.shape[1], x, y, classes: card.label.classes };
}
