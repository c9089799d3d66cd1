// The evaluation set as it arrives: each verified file of the dataset directory is handed over at once; as soon as
// the card is checked (against the verified manifest: every shard listed, with the size its shape implies) and the
// next shard's features are here, they are decoded and sent on (to the worker), in sample order; labels are decoded
// as they come. Nothing of a file is parsed before the loader has matched it to its manifest entry.
import {
  checkDatasetCard,
  type DatasetCard,
  type DatasetShard,
  type DecodedDataset,
} from "../../../../scripts/lib/dataset.ts";
import type { Manifest } from "../../../../scripts/lib/manifest.ts";
import { ArtifactRefusedError } from "./bounds.ts";
import { decodeShardFeatures, decodeShardLabels } from "./decode.ts";

export type EvaluationSet = DecodedDataset & { card: DatasetCard; featureBytes: Uint8Array };
export type RowsSink = (start: number, x: Float32Array) => void;

/**
 * Every sample of the set decoded again from its verified bytes, in one array: for a second run on another backend
 * (the first run's samples stay in its worker, so the page holds no 31 MB of them at the verdict).
 */
export function decodeSetAgain(set: EvaluationSet): Float32Array {
  return decodeShardFeatures(set.card, undefined, set.featureBytes);
}

export type ShardStream = {
  /** The checked card (throws, naming card.json, when it is refused). */
  setCard(card: DatasetCard, manifest: Manifest): void;
  /** A verified file of the dataset directory. */
  add(path: string, bytes: Uint8Array): void;
  /** Where decoded shards go (those decoded so far at once, the rest as they come). */
  send(sink: RowsSink): void;
  /** The card is here (and was accepted). */
  readonly ready: boolean;
  readonly card: DatasetCard;
  readonly width: number;
  /** Time spent decoding shards. */
  readonly decodeMs: number;
  /** The whole set once every shard was decoded; `x` is left empty (the samples went to the sink). */
  finish(): EvaluationSet;
};

export function createShardStream(label: string): ShardStream {
  const files = new Map<string, Uint8Array>();
  let card: DatasetCard | null = null;
  let shards: DatasetShard[] = [];
  let next = 0;
  let y: Uint8Array = new Uint8Array();
  /** Each shard's verified features, in sample order: joined into one array only when asked for (`finish`). */
  const featureShards: Uint8Array[] = [];
  let featureTotal = 0;
  let sink: RowsSink | null = null;
  const decoded: [number, Float32Array][] = [];
  let decodeMs = 0;
  const refuse = (file: string, error: unknown) => {
    const message = (error as Error).message;
    return new ArtifactRefusedError(
      `${label}/${file}`,
      message.startsWith(`${file}: `) ? message.slice(file.length + 2) : message,
    );
  };

  // Features go on in sample order, each shard's as soon as its file is here (inference does not need labels);
  // labels are decoded whenever their file comes (a directory's CAR sends all the features first).
  const labelled = new Set<string>();
  function drain() {
    if (!card) return;
    for (const shard of shards) {
      const labels = files.get(shard.labelFile);
      if (!labels) continue;
      const started = performance.now();
      try {
        y.set(decodeShardLabels(card, shard, labels), shard.start);
      } catch (error) {
        throw refuse(shard.labelFile, error);
      }
      files.delete(shard.labelFile);
      labelled.add(shard.labelFile);
      decodeMs += performance.now() - started;
    }
    while (next < shards.length) {
      const shard = shards[next];
      const features = files.get(shard.featuresFile);
      if (!features) return;
      const started = performance.now();
      let x: Float32Array;
      try {
        x = decodeShardFeatures(card, shard, features);
      } catch (error) {
        throw refuse(shard.featuresFile, error);
      }
      next += 1;
      if (sink) sink(shard.start, x);
      else decoded.push([shard.start, x]);
      featureShards.push(features);
      files.delete(shard.featuresFile);
      decodeMs += performance.now() - started;
    }
  }

  return {
    setCard(value, manifest) {
      const started = performance.now();
      try {
        shards = checkDatasetCard(value, new Map(manifest.files.map((file) => [file.path, file.size])));
      } catch (error) {
        throw refuse("card.json", error);
      }
      card = value;
      y = new Uint8Array(card.samples);
      const total = shards.reduce(
        (sum, shard) => sum + (manifest.files.find((f) => f.path === shard.featuresFile)?.size ?? 0),
        0,
      );
      featureTotal = total;
      decodeMs += performance.now() - started;
      drain();
    },
    add(path, bytes) {
      files.set(path, bytes);
      drain();
    },
    send(target) {
      sink = target;
      for (const [start, x] of decoded.splice(0)) target(start, x);
    },
    get ready() {
      return card !== null;
    },
    get card() {
      return card!;
    },
    get width() {
      return card!.features.shape[1];
    },
    get decodeMs() {
      return decodeMs;
    },
    finish() {
      if (!card) throw new ArtifactRefusedError(`${label}/card.json`, "missing from the directory");
      if (next < shards.length)
        throw refuse(shards[next].featuresFile, new Error("was not loaded (it is named by card.json)"));
      const unlabelled = shards.find((shard) => !labelled.has(shard.labelFile));
      if (unlabelled) throw refuse(unlabelled.labelFile, new Error("was not loaded (it is named by card.json)"));
      // The gallery and a fallback run read every sample's bytes, after the verdict: the shards are joined then,
      // once, rather than copied during the download (7.8 MB of fresh memory for 10,000 digits, whose page faults cost
      // the page's thread ~1.5 ms a MB next to inference).
      let joined: Uint8Array | null = featureShards.length === 1 ? featureShards[0] : null;
      return {
        samples: card.samples,
        width: card.features.shape[1],
        x: new Float32Array(),
        y,
        classes: card.label.classes,
        card,
        get featureBytes() {
          if (!joined) {
            joined = new Uint8Array(featureTotal);
            let offset = 0;
            for (const part of featureShards) {
              joined.set(part, offset);
              offset += part.length;
            }
          }
          return joined;
        },
      };
    },
  };
}
