import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { decodeDataset, decodeRawFeatures, preprocess, type DatasetCard } from "../../../scripts/lib/dataset.ts";
import {
  decodeEvaluationData,
  decodeShardFeatures,
  releaseDecodeMemory,
  reserveDecodeMemory,
} from "../../src/features/evaluation/decode.ts";

const root = path.resolve(import.meta.dirname, "..", "..", "..");
const base = JSON.parse(readFileSync(path.join(root, "ml", "datasets", "mnist-eval", "card.json"), "utf8"));

function card(samples: number, preprocessing: object = base.preprocessing): DatasetCard {
  return {
    ...base,
    samples,
    features: { ...base.features, shape: [samples, 784] },
    label: { ...base.label, shape: [samples] },
    preprocessing,
    files: {
      "features.bin": { size: samples * 784, sha256: "" },
      "labels.bin": { size: samples, sha256: "" },
    },
  };
}

describe("decoding the evaluation set", () => {
  const samples = 300;
  const features = Uint8Array.from({ length: samples * 784 }, (_, i) => (i * 7919) % 256);
  const labels = Uint8Array.from({ length: samples }, (_, i) => i % 10);

  it("gives the very same float32 values as scripts/lib/dataset.ts, for every pixel value", () => {
    for (const preprocessing of [base.preprocessing, { ...base.preprocessing, scale: undefined }]) {
      const fast = decodeEvaluationData(card(samples, preprocessing), features, labels);
      const reference = decodeDataset(card(samples, preprocessing), features, labels);
      expect(new Set(features).size).toBe(256);
      expect(Buffer.from(fast.x.buffer).equals(Buffer.from(reference.x.buffer))).toBe(true);
      expect(fast.y).toEqual(reference.y);
      expect([fast.samples, fast.width, fast.classes]).toEqual([reference.samples, reference.width, reference.classes]);
    }
  });

  it("gives the same values whether the bytes start on a word or not, whatever their length", () => {
    // 9 samples of 7 values: 63 bytes, not a whole number of words.
    const narrow = {
      ...card(9),
      features: { ...base.features, shape: [9, 7] },
      preprocessing: { ...base.preprocessing, sampleShape: [7] },
    };
    const bytes = Uint8Array.from({ length: 63 }, (_, i) => (i * 37 + 11) % 256);
    const reference = Float32Array.from(preprocess(narrow.preprocessing, decodeRawFeatures(narrow, bytes)));
    for (const offset of [0, 1, 2, 3, 4]) {
      const backing = new Uint8Array(offset + bytes.length);
      backing.set(bytes, offset);
      const view = backing.subarray(offset);
      const x = decodeShardFeatures(
        narrow,
        { index: 0, start: 0, samples: 9, featuresFile: "f", labelFile: "l" },
        view,
      );
      expect(Buffer.from(x.buffer).equals(Buffer.from(reference.buffer))).toBe(true);
    }
  });

  it("decodes into memory prepared beforehand with the same values, one shard an array, larger ones as a view", async () => {
    const shardCard = card(100);
    const shard = { index: 0, start: 0, samples: 100, featuresFile: "f", labelFile: "l" };
    const bytes = features.subarray(0, 100 * 784);
    const reference = decodeShardFeatures(shardCard, shard, bytes);
    // one array of exactly a shard's size, one larger, and a file too small to get any
    reserveDecodeMemory([100 * 784, 150 * 784, 1000]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const exact = decodeShardFeatures(shardCard, shard, bytes);
    const larger = decodeShardFeatures(shardCard, shard, bytes);
    const fresh = decodeShardFeatures(shardCard, shard, bytes);
    expect(exact.buffer.byteLength).toBe(100 * 784 * 4);
    expect([larger.length, larger.buffer.byteLength]).toEqual([100 * 784, 150 * 784 * 4]);
    for (const x of [exact, larger, fresh])
      expect(Buffer.from(x.buffer, 0, x.byteLength).equals(Buffer.from(reference.buffer))).toBe(true);
    // each prepared array serves one shard: the three results share no memory
    expect(new Set([exact.buffer, larger.buffer, fresh.buffer]).size).toBe(3);
    // dropped (the panel closed): new memory of the shard's own size, not the larger prepared array
    reserveDecodeMemory([150 * 784]);
    releaseDecodeMemory();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(decodeShardFeatures(shardCard, shard, bytes).buffer.byteLength).toBe(100 * 784 * 4);
  });

  it("refuses what scripts/lib/dataset.ts refuses", () => {
    expect(() => decodeEvaluationData(card(samples), features.subarray(1), labels)).toThrow(/expected 235200 bytes/);
    const badLabels = labels.slice();
    badLabels[3] = 10;
    expect(() => decodeEvaluationData(card(samples), features, badLabels)).toThrow(/not a class index/);
    expect(() =>
      decodeEvaluationData(card(samples, { ...base.preprocessing, sampleShape: [27, 28, 1] }), features, labels),
    ).toThrow(/sampleShape/);
    expect(() =>
      decodeEvaluationData(card(samples, { ...base.preprocessing, scale: Infinity }), features, labels),
    ).toThrow(/scale/);
  });
});
