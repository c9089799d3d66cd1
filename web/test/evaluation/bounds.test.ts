import { describe, expect, it } from "vitest";
import {
  ArtifactRefusedError,
  checkDirectorySizes,
  checkModelJson,
  LIMITS,
} from "../../src/features/evaluation/bounds.ts";
import type { Manifest } from "../../../scripts/lib/manifest.ts";

function manifest(files: [string, number][]): Manifest {
  return {
    format: "modeldao-manifest/1",
    files: files.map(([path, size]) => ({ path, size, sha256: "0".repeat(64) })),
  } as Manifest;
}

function model(
  layers: { class_name: string; config?: object }[],
  weights: { name: string; shape: number[]; dtype: string }[],
  paths = ["w.bin"],
) {
  return {
    format: "layers-model",
    modelTopology: { class_name: "Sequential", config: { layers } },
    weightsManifest: [{ paths, weights }],
  };
}

const dense = [{ class_name: "Dense", config: { dtype: "float32" } }];
const weights = [
  { name: "kernel", shape: [784, 10], dtype: "float32" },
  { name: "bias", shape: [10], dtype: "float32" },
];
const honestBytes = (784 * 10 + 10) * 4;

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ArtifactRefusedError);
    return (error as Error).message;
  }
  throw new Error("expected a refusal");
}

describe("hostile model artifacts", () => {
  it("accepts an honest model and counts its parameters", () => {
    expect(checkModelJson(model(dense, weights), manifest([["w.bin", honestBytes]]))).toEqual({
      parameters: 7850,
      weightBytes: honestBytes,
    });
  });
  it("refuses a layer class that is not on the allowlist", () => {
    expect(
      refusal(() => checkModelJson(model([{ class_name: "Lambda" }], weights), manifest([["w.bin", honestBytes]]))),
    ).toMatch(/layer class "Lambda" is not on the allowlist/);
  });
  it("refuses non-float32 weights and layers", () => {
    expect(
      refusal(() =>
        checkModelJson(model(dense, [{ name: "k", shape: [2], dtype: "int32" }]), manifest([["w.bin", 8]])),
      ),
    ).toMatch(/dtype "int32"/);
    expect(
      refusal(() =>
        checkModelJson(
          model([{ class_name: "Dense", config: { dtype: "float16" } }], weights),
          manifest([["w.bin", honestBytes]]),
        ),
      ),
    ).toMatch(/layer dtype "float16"/);
  });
  it("refuses a giant shape before any allocation", () => {
    expect(
      refusal(() =>
        checkModelJson(
          model(dense, [{ name: "huge", shape: [1_000_000, 1_000_000], dtype: "float32" }]),
          manifest([["w.bin", 4]]),
        ),
      ),
    ).toMatch(/huge of shape \[1000000, 1000000\] takes the model over/);
  });
  it("refuses shapes that do not match the verified weight bytes", () => {
    expect(refusal(() => checkModelJson(model(dense, weights), manifest([["w.bin", honestBytes - 4]])))).toMatch(
      /need 31400 bytes but the weight files hold 31396/,
    );
  });
  it("refuses a weight path outside the manifest", () => {
    expect(
      refusal(() => checkModelJson(model(dense, weights, ["../../etc/passwd"]), manifest([["w.bin", honestBytes]]))),
    ).toMatch(/weight path "..\/..\/etc\/passwd" is not in the manifest/);
  });
  it("refuses oversized files by their manifest entry, before fetching them", () => {
    expect(refusal(() => checkDirectorySizes(manifest([["model.json", LIMITS.modelJsonBytes + 1]]), "model"))).toMatch(
      /^model\.json: \d+ bytes is over/,
    );
    expect(refusal(() => checkDirectorySizes(manifest([["w.bin", LIMITS.weightBytes + 1]]), "model"))).toMatch(
      /^w\.bin/,
    );
    expect(() => checkDirectorySizes(manifest([["features.bin", LIMITS.weightBytes + 1]]), "dataset")).not.toThrow();
  });
  it("caps a dataset's shards together, not only each file", () => {
    const shard = LIMITS.datasetFileBytes / 4;
    const shards = (count: number) =>
      manifest(Array.from({ length: count }, (_, i): [string, number] => [`features-00${i}.bin`, shard]));
    expect(() => checkDirectorySizes(shards(5), "dataset")).not.toThrow();
    expect(refusal(() => checkDirectorySizes(shards(6), "dataset"))).toMatch(
      /^manifest\.json: the dataset's files hold 201326592 bytes together, over the 167772160-byte limit/,
    );
  });
});
