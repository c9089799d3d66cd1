/**
 * The committed ML artefacts are consistent: every directory matches its manifest exactly, cards reference the
 * right dataset digests, and each model card's metrics equal a fresh evaluation in Node.
 */
import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { isDeepStrictEqual } from "node:util";
import type { DatasetCard } from "../../scripts/lib/dataset.ts";
import { formatJson } from "../../scripts/lib/json.ts";
import {
  MANIFEST_FILENAME,
  manifestDigest,
  parseManifest,
  sha256Hex,
  verifyFiles,
} from "../../scripts/lib/manifest.ts";
import type { ModelCard } from "../../scripts/lib/model-card.ts";
import { buildIndex, INDEX_FILE } from "../../scripts/ml/build-all.ts";
import { DATASETS_DIR } from "../../scripts/ml/datasets.ts";
import { evaluateLoaded, loadDataset, loadModel, type LoadedDataset } from "../../scripts/ml/evaluate.ts";
import { listFiles } from "../../scripts/ml/files.ts";
import { MODELS_DIR } from "../../scripts/ml/train.ts";
import { cardMetrics } from "../../scripts/lib/model-card.ts";

const subdirs = async (dir: string): Promise<string[]> =>
  (await readdir(dir, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();

const EXPECTED_DATASETS = ["mnist-eval", "mnist-train", "penguins-eval", "penguins-train"];
const EXPECTED_MODELS = ["digits-cnn", "digits-inflated", "digits-mlp", "penguins-mlp"];

describe("ML artefacts", () => {
  const digests = new Map<string, string>();
  const datasets = new Map<string, Promise<LoadedDataset>>();

  before(async () => {
    for (const [root, names] of [
      [DATASETS_DIR, EXPECTED_DATASETS],
      [MODELS_DIR, EXPECTED_MODELS],
    ] as const) {
      for (const name of names) {
        const bytes = new Uint8Array(await readFile(join(root, name, MANIFEST_FILENAME)));
        digests.set(name, await manifestDigest(bytes));
      }
    }
  });

  it("has exactly the expected directories", async () => {
    assert.deepEqual(await subdirs(DATASETS_DIR), EXPECTED_DATASETS);
    assert.deepEqual(await subdirs(MODELS_DIR), EXPECTED_MODELS);
  });

  for (const [kind, root, names] of [
    ["dataset", DATASETS_DIR, EXPECTED_DATASETS],
    ["model", MODELS_DIR, EXPECTED_MODELS],
  ] as const) {
    for (const name of names) {
      it(`${kind} ${name}: files match manifest.json exactly`, async () => {
        const dir = join(root, name);
        const manifest = parseManifest(new Uint8Array(await readFile(join(dir, MANIFEST_FILENAME))));
        const files = [];
        for (const path of await listFiles(dir))
          files.push({ path, bytes: new Uint8Array(await readFile(join(dir, path))) });
        await verifyFiles(manifest, files);
        const card = JSON.parse(await readFile(join(dir, "card.json"), "utf8")) as { [k: string]: unknown };
        // cards are written by formatJson: an edit by hand or a formatter would show up here
        assert.equal(await readFile(join(dir, "card.json"), "utf8"), formatJson(card));
      });
    }
  }

  for (const id of EXPECTED_DATASETS) {
    it(`dataset ${id}: card is consistent with its data files`, async () => {
      const d = await loadDataset(join(DATASETS_DIR, id));
      const card: DatasetCard = d.card;
      assert.equal(card.id, id);
      assert.equal(d.digest, digests.get(id));
      for (const [file, expected] of Object.entries(card.files)) {
        const bytes = new Uint8Array(await readFile(join(DATASETS_DIR, id, file)));
        assert.equal(bytes.length, expected.size);
        assert.equal(await sha256Hex(bytes), expected.sha256);
      }
      const counts = new Array<number>(card.label.classes.length).fill(0);
      for (const y of d.data.y) counts[y]++;
      assert.deepEqual(counts, card.split.classCounts);
      assert.equal(card.split.parts[id], card.samples);
    });
  }

  it("train and eval parts of each split are disjoint in role and share preprocessing", async () => {
    for (const [train, evalId] of [
      ["mnist-train", "mnist-eval"],
      ["penguins-train", "penguins-eval"],
    ]) {
      const a = JSON.parse(await readFile(join(DATASETS_DIR, train, "card.json"), "utf8")) as DatasetCard;
      const b = JSON.parse(await readFile(join(DATASETS_DIR, evalId, "card.json"), "utf8")) as DatasetCard;
      assert.deepEqual(a.preprocessing, b.preprocessing);
      assert.deepEqual(a.split.parts, b.split.parts);
      assert.equal(a.split.seed, b.split.seed);
      assert.notEqual(digests.get(train), digests.get(evalId));
    }
  });

  for (const name of EXPECTED_MODELS) {
    it(`model ${name}: card metrics equal a fresh evaluation`, async () => {
      const m = await loadModel(join(MODELS_DIR, name));
      try {
        const card: ModelCard = m.card;
        assert.equal(card.name, name);
        const evalId = card.evaluationData.id;
        assert.equal(card.evaluationData.manifestDigest, digests.get(evalId), "evaluation dataset digest");
        for (const t of card.trainingData) {
          assert.equal(t.manifestDigest, digests.get(t.id), `training dataset ${t.id} digest`);
          assert.notEqual(t.id, evalId, "evaluation dataset must not be a training dataset");
        }
        let p = datasets.get(evalId);
        if (!p) datasets.set(evalId, (p = loadDataset(join(DATASETS_DIR, evalId))));
        const d = await p;
        const fresh = cardMetrics(await evaluateLoaded(m.model, d), d.data.classes);
        assert.equal(fresh.accuracy, card.metrics.accuracy);
        assert.deepEqual(fresh.confusionMatrix, card.metrics.confusionMatrix);
        assert.deepEqual(fresh, card.metrics);
        assert.equal(card.architecture.parameters, m.model.countParams());
        if (card.claimInflated === true) {
          assert.ok(card.claim.accuracyBps > card.metrics.accuracyBps + 1000, "inflated claim is far above measured");
          assert.match(String(card.claimNote), /INFLATED/);
        } else {
          assert.deepEqual(card.claim, { accuracyBps: card.metrics.accuracyBps, macroF1Bps: card.metrics.macroF1Bps });
        }
      } finally {
        m.model.dispose();
      }
    });
  }

  it("the digits CNN beats the MLP, which beats the inflated candidate", async () => {
    const acc = async (n: string): Promise<number> =>
      (JSON.parse(await readFile(join(MODELS_DIR, n, "card.json"), "utf8")) as ModelCard).metrics.accuracy;
    const [cnn, mlp, weak] = [await acc("digits-cnn"), await acc("digits-mlp"), await acc("digits-inflated")];
    assert.ok(cnn > mlp && mlp > weak, `${cnn} > ${mlp} > ${weak}`);
  });

  it("ml/index.json matches the directories", async () => {
    const onDisk = JSON.parse(await readFile(INDEX_FILE, "utf8")) as unknown;
    const fresh = await buildIndex();
    assert.ok(isDeepStrictEqual(onDisk, fresh), "ml/index.json is stale: run node scripts/ml/build-all.ts");
    assert.equal(await readFile(INDEX_FILE, "utf8"), formatJson(fresh));
  });
});
