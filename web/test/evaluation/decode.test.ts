import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { decodeDataset, type DatasetCard } from "../../../scripts/lib/dataset.ts";
import { decodeEvaluationData } from "../../src/features/evaluation/decode.ts";

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
