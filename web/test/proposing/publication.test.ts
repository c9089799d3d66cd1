// The checks a maintainer's files pass before anything is uploaded, in the form the dApp's wizards and the
// maintainer scripts share; run on the project's real model and dataset directories.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { FileEntry } from "../../../scripts/lib/manifest.ts";
import { prepareDatasetFiles, prepareModelFiles, upgradeSummary } from "../../../scripts/lib/publication.ts";
import { stripCommonFolder } from "../../src/features/proposing/publish/pickedFiles.ts";
import { datasetList, suggestedChoices, versionInput } from "../../src/features/proposing/publish/submission.ts";
import { nameToId } from "../../src/shared/format.ts";

const root = path.resolve(import.meta.dirname, "..", "..", "..");
function directory(...parts: string[]): FileEntry[] {
  const dir = path.join(root, ...parts);
  return readdirSync(dir).map((name) => ({ path: name, bytes: new Uint8Array(readFileSync(path.join(dir, name))) }));
}
const replace = (files: FileEntry[], name: string, text: string) =>
  files.map((f) => (f.path === name ? { path: name, bytes: new TextEncoder().encode(text) } : f));

describe("prepareModelFiles", () => {
  it("rebuilds the committed manifest of a real model and reads its claim and datasets from the card", async () => {
    const files = directory("ml", "models", "digits-cnn");
    const prepared = await prepareModelFiles(files);
    const committed = files.find((f) => f.path === "manifest.json")!;
    expect(prepared.files.find((f) => f.path === "manifest.json")!.bytes).toEqual(committed.bytes);
    expect(prepared.claimedAccuracyBps).toBe(9715);
    expect(prepared.suggested).toEqual({
      model: "digits",
      trainingDatasets: ["mnist-train"],
      evaluationDataset: "mnist-eval",
    });
    expect(prepared.totalBytes).toBe(prepared.files.reduce((n, f) => n + f.bytes.byteLength, 0));
  });
  it("ignores a stale manifest.json: the one uploaded is always rebuilt from the files", async () => {
    const files = replace(directory("ml", "models", "digits-mlp"), "manifest.json", "{}");
    const prepared = await prepareModelFiles(files);
    expect(new TextDecoder().decode(prepared.files.at(-1)!.bytes)).toContain("modeldao-manifest/1");
  });
  it("names a weight file model.json needs but the pick lacks", async () => {
    const files = directory("ml", "models", "digits-mlp").filter((f) => f.path !== "group1-shard1of1.bin");
    await expect(prepareModelFiles(files, "the picked files")).rejects.toThrow(
      "model.json names weight file group1-shard1of1.bin, which is missing from the picked files",
    );
  });
  it("refuses a model.json that does not parse, a topology-less one, and a claim above 100%", async () => {
    const files = directory("ml", "models", "digits-mlp");
    await expect(prepareModelFiles(replace(files, "model.json", '{"modelTopology": '))).rejects.toThrow(
      "model.json does not parse as JSON",
    );
    await expect(prepareModelFiles(replace(files, "model.json", '{"weightsManifest": []}'))).rejects.toThrow(
      "is not a tfjs layers model",
    );
    const card = JSON.parse(new TextDecoder().decode(files.find((f) => f.path === "card.json")!.bytes));
    card.claim.accuracyBps = 10_001;
    await expect(prepareModelFiles(replace(files, "card.json", JSON.stringify(card)))).rejects.toThrow(
      "claim.accuracyBps must be whole basis points between 0 and 10000",
    );
  });
  it("refuses a path that climbs out of the directory and a file picked twice", async () => {
    const files = directory("ml", "models", "digits-mlp");
    await expect(prepareModelFiles([...files, { path: "../secret", bytes: new Uint8Array(1) }])).rejects.toThrow(
      /\.\./,
    );
    await expect(prepareModelFiles([...files, files[0]])).rejects.toThrow("appears twice");
  });
});

describe("prepareDatasetFiles", () => {
  it("takes the provenance the chain records from the card", async () => {
    const prepared = await prepareDatasetFiles(directory("ml", "datasets", "penguins-eval"));
    expect(prepared.license).toBe("CC0-1.0");
    expect(prepared.source.length).toBeGreaterThan(0);
    expect(prepared.creator.length).toBeGreaterThan(0);
  });
  it("refuses a card without a creator, and a card with no data beside it", async () => {
    const files = directory("ml", "datasets", "penguins-eval");
    const card = JSON.parse(new TextDecoder().decode(files.find((f) => f.path === "card.json")!.bytes));
    delete card.creator;
    await expect(prepareDatasetFiles(replace(files, "card.json", JSON.stringify(card)))).rejects.toThrow(
      "must name the dataset's creator",
    );
    await expect(prepareDatasetFiles(files.filter((f) => f.path === "card.json"))).rejects.toThrow(
      "no data files besides card.json",
    );
  });
});

describe("the upgrade wizard's submission", () => {
  it("suggests the card's model and datasets, with the model's active version as parent", async () => {
    const prepared = await prepareModelFiles(directory("ml", "models", "digits-cnn"));
    const choices = suggestedChoices(prepared, (model) => (model === "digits" ? 1 : 0));
    expect(choices).toEqual({ model: "digits", training: "mnist-train", evaluation: "mnist-eval", parent: "1" });
    const input = versionInput(choices, prepared, "bafy-test");
    expect(input.modelId).toBe(nameToId("digits"));
    expect(input.trainingDatasets).toEqual([nameToId("mnist-train")]);
    expect(input.manifestDigest).toBe(prepared.manifestDigest);
    expect(input.parentVersion).toBe(1);
  });
  it("refuses names the registry cannot store and a parent that is not a number", async () => {
    const prepared = await prepareModelFiles(directory("ml", "models", "digits-cnn"));
    const good = { model: "digits", training: "mnist-train", evaluation: "mnist-eval", parent: "1" };
    expect(() => versionInput({ ...good, model: "Digits CNN" }, prepared, "c")).toThrow("model name");
    expect(() => versionInput({ ...good, training: " , " }, prepared, "c")).toThrow("at least one training dataset");
    expect(() => versionInput({ ...good, evaluation: "x".repeat(40) }, prepared, "c")).toThrow("1-31");
    expect(() => versionInput({ ...good, parent: "v1" }, prepared, "c")).toThrow("whole number");
  });
  it("reads a dataset list separated by commas or spaces, once each", () => {
    expect(datasetList(" mnist-train,  emnist mnist-train ")).toEqual(["mnist-train", "emnist"]);
  });
  it("describes the activation as the maintainer script does", () => {
    expect(
      upgradeSummary({
        model: "digits",
        version: 4,
        cid: "bafyX",
        evaluationDataset: "mnist-eval",
        claimedAccuracyBps: 9715,
        claimedMacroF1Bps: 9712,
      }),
    ).toBe("Activate `digits` v4 (CID bafyX). Claimed on `mnist-eval`: accuracy 97.15%, macro-F1 97.12%.");
  });
});

describe("stripCommonFolder", () => {
  it("drops the picked folder's own name and keeps nested paths", () => {
    expect(stripCommonFolder(["cnn/model.json", "cnn/weights/a.bin"])).toEqual(["model.json", "weights/a.bin"]);
  });
  it("keeps paths that do not all share one folder", () => {
    expect(stripCommonFolder(["model.json", "cnn/a.bin"])).toEqual(["model.json", "cnn/a.bin"]);
    expect(stripCommonFolder(["a/model.json", "b/a.bin"])).toEqual(["a/model.json", "b/a.bin"]);
  });
});
