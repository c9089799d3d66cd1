/**
 * tfjs layers-model files <-> tfjs ModelArtifacts, without touching the network or the filesystem.
 * Shared by Node scripts and the browser (only a type import of tfjs).
 *
 * A model directory holds the standard tfjs "layers-model" files:
 *   model.json            {"modelTopology", "format", "generatedBy", "convertedBy", "weightsManifest", "trainingConfig"?}
 *   group1-shard1of1.bin  the weight values (little-endian, in weightsManifest order), concatenated
 * exactly as written by tfjs's own save handlers, so `tf.loadLayersModel("…/model.json")` also reads them.
 */
import type { io } from "@tensorflow/tfjs";
import { validatePath } from "./manifest.ts";

export const MODEL_JSON = "model.json";
export const WEIGHTS_SHARD = "group1-shard1of1.bin";

/** Concatenates tfjs WeightData (one ArrayBuffer or a list of them) into one byte array. */
export function weightBytes(data: io.WeightData | undefined): Uint8Array {
  if (data === undefined) return new Uint8Array(0);
  const parts = Array.isArray(data) ? data : [data];
  const out = new Uint8Array(parts.reduce((n, b) => n + b.byteLength, 0));
  let offset = 0;
  for (const b of parts) {
    out.set(new Uint8Array(b), offset);
    offset += b.byteLength;
  }
  return out;
}

/** The model.json object and single weight shard for artifacts received by a tfjs save handler. */
export function filesFromArtifacts(artifacts: io.ModelArtifacts): { modelJson: io.ModelJSON; weights: Uint8Array } {
  if (artifacts.modelTopology === undefined || artifacts.modelTopology instanceof ArrayBuffer) {
    throw new Error("expected a JSON layers-model topology");
  }
  const modelJson: io.ModelJSON = {
    modelTopology: artifacts.modelTopology,
    format: artifacts.format,
    generatedBy: artifacts.generatedBy,
    convertedBy: artifacts.convertedBy ?? null,
    weightsManifest: [{ paths: [WEIGHTS_SHARD], weights: artifacts.weightSpecs ?? [] }],
  };
  if (artifacts.trainingConfig !== undefined) modelJson.trainingConfig = artifacts.trainingConfig;
  return { modelJson, weights: weightBytes(artifacts.weightData) };
}

/**
 * Rebuilds tfjs ModelArtifacts from model.json bytes and a getter for the shard files it names (which the caller
 * has verified against the directory's manifest). Pass the result to `tf.io.fromMemory(...)`.
 */
export function artifactsFromFiles(
  modelJsonBytes: Uint8Array,
  getFile: (path: string) => Uint8Array,
): io.ModelArtifacts {
  const json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(modelJsonBytes)) as io.ModelJSON;
  if (typeof json !== "object" || json === null || typeof json.modelTopology !== "object") {
    throw new Error(`${MODEL_JSON}: missing modelTopology`);
  }
  if (json.format !== undefined && json.format !== "layers-model") {
    throw new Error(`${MODEL_JSON}: format ${JSON.stringify(json.format)} is not "layers-model"`);
  }
  if (!Array.isArray(json.weightsManifest)) throw new Error(`${MODEL_JSON}: missing weightsManifest`);
  const weightSpecs: io.WeightsManifestEntry[] = [];
  const shards: Uint8Array[] = [];
  for (const group of json.weightsManifest) {
    for (const path of group.paths) {
      validatePath(path);
      shards.push(getFile(path));
    }
    weightSpecs.push(...group.weights);
  }
  const data = new Uint8Array(shards.reduce((n, s) => n + s.length, 0));
  let offset = 0;
  for (const s of shards) {
    data.set(s, offset);
    offset += s.length;
  }
  return {
    modelTopology: json.modelTopology,
    format: json.format,
    generatedBy: json.generatedBy,
    convertedBy: json.convertedBy,
    trainingConfig: json.trainingConfig,
    weightSpecs,
    weightData: data.buffer,
  };
}
