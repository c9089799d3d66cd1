import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  checkDatasetCard,
  decodeDataset,
  decodeRawFeatures,
  preprocess,
  splitIntoShards,
  withShards,
  type DatasetCard,
  type Preprocessing,
} from "../../scripts/lib/dataset.ts";
import { formatJson } from "../../scripts/lib/json.ts";
import { sha256Hex } from "../../scripts/lib/manifest.ts";
import { loadDataset } from "../../scripts/ml/evaluate.ts";
import { writeArtifactDir } from "../../scripts/ml/files.ts";
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

/** The seeded mnist-eval card, re-cut into shards of `counts` samples (features 784 bytes a sample, labels 1). */
function shardedCard(counts: number[]): DatasetCard {
  const base = JSON.parse(
    readFileSync(new URL("../../ml/datasets/mnist-eval/card.json", import.meta.url), "utf8"),
  ) as DatasetCard;
  const files: DatasetCard["files"] = {};
  counts.forEach((count, i) => {
    files[`features-00${i}.bin`] = { size: count * 784, sha256: "00".repeat(32) };
    files[`labels-00${i}.bin`] = { size: count, sha256: "00".repeat(32) };
  });
  return withShards(base, counts, files);
}

describe("sharded dataset cards", () => {
  const sizes = (card: DatasetCard) => new Map(Object.entries(card.files).map(([path, d]) => [path, d.size]));

  it("accepts a valid sharded card and gives each shard its samples", () => {
    const card = shardedCard([3, 2, 4]);
    const shards = checkDatasetCard(card, sizes(card));
    assert.deepEqual(
      shards.map((s) => [s.featuresFile, s.labelFile, s.start, s.samples]),
      [
        ["features-000.bin", "labels-000.bin", 0, 3],
        ["features-001.bin", "labels-001.bin", 3, 2],
        ["features-002.bin", "labels-002.bin", 5, 4],
      ],
    );
  });

  it("accepts the seeded single-file cards as before", () => {
    for (const id of ["mnist-eval", "penguins-eval"]) {
      const card = JSON.parse(readFileSync(new URL(`../../ml/datasets/${id}/card.json`, import.meta.url), "utf8"));
      assert.equal(checkDatasetCard(card, sizes(card)).length, 1);
    }
  });

  it("refuses shard counts that do not sum to samples", () => {
    const card = shardedCard([3, 2, 4]);
    card.features.shardSamples = [3, 2, 3];
    assert.throws(() => checkDatasetCard(card), /shardSamples sum to 8, but the dataset has 9 samples/);
  });

  it("refuses a shard missing from the manifest, or from the card's files", () => {
    const card = shardedCard([3, 2, 4]);
    const manifest = sizes(card);
    manifest.delete("features-001.bin");
    assert.throws(() => checkDatasetCard(card, manifest), /data file features-001\.bin is not in the manifest/);
    delete card.files["labels-002.bin"];
    assert.throws(() => checkDatasetCard(card), /data file labels-002\.bin is not listed in the card's files/);
  });

  it("refuses a shard whose size does not match dtype × shape", () => {
    const card = shardedCard([3, 2, 4]);
    const manifest = sizes(card);
    manifest.set("features-002.bin", 4 * 784 + 1);
    assert.throws(
      () => checkDatasetCard(card, manifest),
      /features-002\.bin must be 3136 bytes .* the manifest says 3137/,
    );
    card.files["labels-000.bin"].size = 4;
    assert.throws(() => checkDatasetCard(card), /labels-000\.bin must be 3 bytes .* the card says 4/);
  });

  it("refuses mismatched shard lists and mixing the two forms", () => {
    const card = shardedCard([3, 2]);
    card.label.files = ["labels-000.bin"];
    assert.throws(() => checkDatasetCard(card), /label\.files must list 2 label shards/);
    const mixed = shardedCard([3, 2]);
    mixed.features.file = "features.bin";
    assert.throws(() => checkDatasetCard(mixed), /either features\.file/);
  });

  it("decodes shards to exactly what the same samples give as one file", () => {
    const counts = [3, 2, 4];
    const card = shardedCard(counts);
    const features = Uint8Array.from({ length: 9 * 784 }, (_, i) => (i * 31) % 256);
    const labels = Uint8Array.from({ length: 9 }, (_, i) => (i * 7) % 10);
    let offset = 0;
    const parts = counts.map((count) => {
      const part = {
        f: features.subarray(offset * 784, (offset + count) * 784),
        l: labels.subarray(offset, offset + count),
      };
      offset += count;
      return part;
    });
    const sharded = decodeDataset(
      card,
      parts.map((p) => p.f),
      parts.map((p) => p.l),
    );
    const single = withShards(shardedCard([9]), [9], {
      "features.bin": { size: 9 * 784, sha256: "" },
      "labels.bin": { size: 9, sha256: "" },
    });
    assert.equal(single.features.file, "features.bin");
    const whole = decodeDataset(single, features, labels);
    assert.deepEqual(sharded.x, whole.x);
    assert.deepEqual(sharded.y, labels);
    assert.throws(
      () =>
        decodeDataset(
          card,
          [parts[0].f, parts[2].f, parts[1].f],
          parts.map((p) => p.l),
        ),
      /features-001\.bin: expected 1568 bytes, got 3136/,
    );
  });
});

describe("the Node reference evaluation on a sharded set", () => {
  it("loads mnist-eval re-cut into shards to exactly the values of the seeded single-file set", async () => {
    const seededDir = fileURLToPath(new URL("../../ml/datasets/mnist-eval", import.meta.url));
    const seeded = await loadDataset(seededDir);
    const counts = [700, 800, 500];
    const features = new Uint8Array(readFileSync(join(seededDir, "features.bin")));
    const labels = new Uint8Array(readFileSync(join(seededDir, "labels.bin")));
    const data = splitIntoShards(features, labels, counts, 784);
    const digests = Object.fromEntries(
      await Promise.all(data.map(async (f) => [f.path, { size: f.bytes.length, sha256: await sha256Hex(f.bytes) }])),
    );
    const card = withShards(seeded.card, counts, digests);
    const dir = mkdtempSync(join(tmpdir(), "modeldao-sharded-"));
    try {
      await writeArtifactDir(dir, [
        { path: "card.json", bytes: new TextEncoder().encode(JSON.stringify(card)) },
        ...data,
      ]);
      const sharded = await loadDataset(dir);
      assert.equal(sharded.data.samples, 2000);
      assert.deepEqual(sharded.data.x, seeded.data.x);
      assert.deepEqual(sharded.data.y, seeded.data.y);
      // A shard changed after its manifest was written is refused before it is parsed.
      const tampered = data[2].bytes.slice();
      tampered[0] ^= 1;
      writeFileSync(join(dir, data[2].path), tampered);
      await assert.rejects(loadDataset(dir), /features-001\.bin.*does not match the manifest/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
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
