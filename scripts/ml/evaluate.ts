/**
 * Evaluates a model version directory on a dataset directory, in Node with the tfjs CPU backend.
 * Every file is verified against its directory's manifest.json before anything is parsed.
 *
 *   node scripts/ml/evaluate.ts ml/models/digits-cnn ml/datasets/mnist-eval
 */
import * as tf from "@tensorflow/tfjs";
import { pathToFileURL } from "node:url";
import { checkDatasetCard, decodeDataset, type DatasetCard, type DecodedDataset } from "../lib/dataset.ts";
import { classificationMetrics, argmaxRows, type ClassificationMetrics } from "../lib/metrics.ts";
import { cardMetrics, type CardMetrics, type ModelCard } from "../lib/model-card.ts";
import { artifactsFromFiles, MODEL_JSON } from "../lib/model-files.ts";
import { loadVerifiedDir } from "./files.ts";

export const EVAL_BATCH_SIZE = 256;

export interface LoadedDataset {
  card: DatasetCard;
  digest: `0x${string}`;
  data: DecodedDataset;
}

export interface LoadedModel {
  model: tf.LayersModel;
  card: ModelCard;
  digest: `0x${string}`;
}

let backendReady: Promise<void> | undefined;

/** Uses the deterministic pure-JS CPU backend. */
export function useCpuBackend(): Promise<void> {
  backendReady ??= tf.setBackend("cpu").then((ok) => {
    if (!ok) throw new Error("tfjs cpu backend unavailable");
  });
  return backendReady;
}

/**
 * Loads and verifies a dataset directory, then decodes and preprocesses it as its card declares (one features and
 * labels file, or several shards of each).
 */
export async function loadDataset(dir: string): Promise<LoadedDataset> {
  const d = await loadVerifiedDir(dir);
  const card = d.json<DatasetCard>("card.json");
  // Every data file the card names must be in the verified manifest, with the size its shape implies.
  const shards = checkDatasetCard(card, new Map(d.manifest.files.map((file) => [file.path, file.size])));
  const data = decodeDataset(
    card,
    shards.map((shard) => d.get(shard.featuresFile)),
    shards.map((shard) => d.get(shard.labelFile)),
  );
  return { card, digest: d.digest, data };
}

/** Loads and verifies a model directory, then builds the tfjs model from the verified bytes. */
export async function loadModel(dir: string): Promise<LoadedModel> {
  await useCpuBackend();
  const d = await loadVerifiedDir(dir);
  const card = d.json<ModelCard>("card.json");
  const artifacts = artifactsFromFiles(d.get(MODEL_JSON), (path) => d.get(path));
  const model = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
  return { model, card, digest: d.digest };
}

/** Predicted class index of every sample, inferring in fixed-size batches. */
export function predictClasses(model: tf.LayersModel, data: DecodedDataset, batchSize = EVAL_BATCH_SIZE): number[] {
  const inputShape = model.inputs[0].shape.slice(1);
  if (inputShape.some((s) => s === null)) throw new Error("model input shape must be fully defined");
  const size = (inputShape as number[]).reduce((a, b) => a * b, 1);
  if (size !== data.width) {
    throw new Error(`model input shape [${inputShape.join(", ")}] has ${size} elements but a sample has ${data.width}`);
  }
  const outShape = model.outputs[0].shape;
  const classes = outShape[outShape.length - 1];
  if (outShape.length !== 2 || classes !== data.classes.length) {
    throw new Error(`model output shape [${outShape.join(", ")}] does not match ${data.classes.length} classes`);
  }
  const predictions: number[] = [];
  for (let start = 0; start < data.samples; start += batchSize) {
    const n = Math.min(batchSize, data.samples - start);
    const scores = tf.tidy(() => {
      const x = tf.tensor(
        data.x.subarray(start * data.width, (start + n) * data.width),
        [n, ...(inputShape as number[])],
        "float32",
      );
      return (model.predict(x) as tf.Tensor).dataSync();
    });
    predictions.push(...argmaxRows(scores, classes));
  }
  return predictions;
}

export interface Evaluation {
  modelDigest: `0x${string}`;
  datasetDigest: `0x${string}`;
  datasetId: string;
  metrics: ClassificationMetrics;
  cardMetrics: CardMetrics;
}

export async function evaluateLoaded(model: tf.LayersModel, dataset: LoadedDataset): Promise<ClassificationMetrics> {
  const predictions = predictClasses(model, dataset.data);
  return classificationMetrics(dataset.data.y, predictions, dataset.data.classes.length);
}

/** Loads (verifying) a model directory and a dataset directory and returns the metrics on that dataset. */
export async function evaluate(modelDir: string, datasetDir: string): Promise<Evaluation> {
  const [m, d] = [await loadModel(modelDir), await loadDataset(datasetDir)];
  try {
    const metrics = await evaluateLoaded(m.model, d);
    return {
      modelDigest: m.digest,
      datasetDigest: d.digest,
      datasetId: d.card.id,
      metrics,
      cardMetrics: cardMetrics(metrics, d.data.classes),
    };
  } finally {
    m.model.dispose();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [modelDir, datasetDir] = process.argv.slice(2);
  if (!modelDir || !datasetDir) {
    console.error("usage: node scripts/ml/evaluate.ts <modelDir> <datasetDir>");
    process.exit(2);
  }
  const e = await evaluate(modelDir, datasetDir);
  console.log(
    JSON.stringify(
      {
        model: modelDir,
        modelDigest: e.modelDigest,
        dataset: e.datasetId,
        datasetDigest: e.datasetDigest,
        ...e.cardMetrics,
      },
      null,
      2,
    ),
  );
}
