import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decodeRawFeatures, preprocess, type DatasetCard, type Preprocessing } from "../../scripts/lib/dataset.ts";
import { formatJson } from "../../scripts/lib/json.ts";
import { mulberry32, permutation, stratifiedSplit } from "../../scripts/ml/prng.ts";

describe("prng", () => {
  it("mulberry32 is a fixed sequence (regression: changing it would change every split)", () => {
    const r = mulberry32(42);
    const first = [r(), r(), r()].map((v) => Math.floor(v * 2 ** 32));
    const again = mulberry32(42);
    assert.deepEqual(
      [again(), again(), again()].map((v) => Math.floor(v * 2 ** 32)),
      first,
    );
    assert.deepEqual(first, [2581720956, 1925393290, 3661312704]);
  });
  it("permutation is a permutation", () => {
    const p = permutation(100, mulberry32(1));
    assert.deepEqual(
      [...p].sort((a, b) => a - b),
      Array.from({ length: 100 }, (_, i) => i),
    );
    assert.notDeepEqual(
      p,
      Array.from({ length: 100 }, (_, i) => i),
    );
  });
  it("stratifiedSplit is exact, disjoint, stratified and deterministic", () => {
    const labels = [...new Array(151).fill(0), ...new Array(68).fill(1), ...new Array(123).fill(2)];
    const a = stratifiedSplit(labels, 3, 0.2, mulberry32(5));
    const b = stratifiedSplit(labels, 3, 0.2, mulberry32(5));
    assert.deepEqual(a, b);
    assert.equal(a.eval.length, Math.round(342 * 0.2));
    assert.equal(a.train.length + a.eval.length, 342);
    assert.equal(new Set([...a.train, ...a.eval]).size, 342);
    // quotas 30.2, 13.6, 24.6 -> floors 30, 13, 24 (67) + 1 by largest remainder (tie 0.6: lower class index)
    assert.deepEqual(a.evalPerClass, [30, 14, 24]);
    const count = (idx: number[], c: number): number => idx.filter((i) => labels[i] === c).length;
    assert.deepEqual(
      [0, 1, 2].map((c) => count(a.eval, c)),
      [30, 14, 24],
    );
  });
});

describe("dataset preprocessing", () => {
  it("scales uint8 pixels to float32", () => {
    const p: Preprocessing = { cast: "float32", scale: 1 / 255, sampleShape: [2], description: "" };
    const out = preprocess(p, [0, 255, 128, 1]);
    assert.deepEqual(Array.from(out), [0, 1, Math.fround(128 / 255), Math.fround(1 / 255)]);
  });
  it("standardises per column", () => {
    const p: Preprocessing = {
      cast: "float32",
      standardize: { mean: [10, 100], std: [2, 50], computedOn: "x", ddof: 0 },
      sampleShape: [2],
      description: "",
    };
    assert.deepEqual(Array.from(preprocess(p, [12, 0, 8, 200])), [1, -2, -1, 2]);
  });
  it("reads float32 little-endian features", () => {
    const bytes = new Uint8Array(8);
    const view = new DataView(bytes.buffer);
    view.setFloat32(0, 39.1, true);
    view.setFloat32(4, -2.5, true);
    const card = { features: { file: "f", dtype: "float32", shape: [1, 2] } } as unknown as DatasetCard;
    assert.deepEqual(Array.from(decodeRawFeatures(card, bytes)), [Math.fround(39.1), -2.5]);
    assert.throws(() => decodeRawFeatures(card, bytes.subarray(1)), /expected 8 bytes, got 7/);
  });
});

describe("formatJson", () => {
  it("keeps scalar arrays on one line and is stable", () => {
    const v = {
      a: [1, 2],
      b: {
        c: "x",
        d: [
          [1, 2],
          [3, 4],
        ],
      },
      e: [],
    };
    assert.equal(
      formatJson(v),
      '{\n  "a": [1, 2],\n  "b": {\n    "c": "x",\n    "d": [\n      [1, 2],\n      [3, 4]\n    ]\n  },\n  "e": []\n}\n',
    );
    assert.deepEqual(JSON.parse(formatJson(v)), v);
  });
  it("rejects non-finite numbers", () => {
    assert.throws(() => formatJson({ x: Number.NaN }), /non-finite/);
  });
});
