/**
 * Trains the project's reference models on the datasets in ml/datasets/ and writes each one to ml/models/<name>/
 * (model.json, group1-shard1of1.bin, card.json, manifest.json). Deterministic: seeded initialisers, seeded
 * shuffling with our own PRNG, `shuffle: false` in fit, tfjs CPU backend; running it twice gives identical bytes.
 *
 *   node scripts/ml/train.ts [name ...]      (default: all models)
 */
import * as tf from "@tensorflow/tfjs";
import { isDeepStrictEqual } from "node:util";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { formatJson } from "../lib/json.ts";
import type { FileEntry } from "../lib/manifest.ts";
import { cardMetrics, measuredClaim, MODEL_CARD_SCHEMA, type Claim, type ModelCard } from "../lib/model-card.ts";
import { filesFromArtifacts, MODEL_JSON, WEIGHTS_SHARD } from "../lib/model-files.ts";
import { cnnLogits, cnnLossAndGrads } from "./cnn-trainer.ts";
import { DATASETS_DIR } from "./datasets.ts";
import { evaluateLoaded, loadDataset, useCpuBackend, type LoadedDataset } from "./evaluate.ts";
import { REPO_ROOT, utf8, writeArtifactDir } from "./files.ts";
import { mulberry32, permutation } from "./prng.ts";

export const MODELS_DIR = join(REPO_ROOT, "ml", "models");
const FRAMEWORK = `tfjs-layers ${tf.version["tfjs-layers"]}`;

interface Hyper {
  optimizer: "adam";
  learningRate: number;
  batchSize: number;
  epochs: number;
  /** Use only the first `samples` rows of the training file (its order is already a seeded shuffle). */
  samples?: number;
  initSeed: number;
  shuffleSeed: number;
}

interface Spec {
  name: string;
  model: string;
  version: string;
  description: string;
  train: string;
  eval: string;
  /** Model input shape without the batch dimension. */
  inputShape: number[];
  build: (seed: number) => tf.layers.Layer[];
  hyper: Hyper;
  /**
   * "fit": model.fit, one epoch at a time, on our own seeded permutation with shuffle: false.
   * "js-cnn": same seeded initial weights, batches and tfjs Adam, but gradients computed by the hand-written
   * loops of scripts/ml/cnn-trainer.ts (tfjs-cpu's conv/maxPool backprop is far too slow); the trained weights are
   * set back into the standard layers model, which is what is saved and evaluated.
   */
  trainer: "fit" | "js-cnn";
  intendedUse: string;
  limitations: string;
  /** Overrides the honest claim (used only by the deliberately inflated candidate). */
  claim?: (measured: Claim) => { claim: Claim; note: string };
}

const glorot = (seed: number) => tf.initializers.glorotUniform({ seed });

const mlp = (hidden: number, classes: number) => (seed: number) => [
  tf.layers.dense({ name: "hidden", units: hidden, activation: "relu", kernelInitializer: glorot(seed) }),
  tf.layers.dense({ name: "output", units: classes, activation: "softmax", kernelInitializer: glorot(seed + 1) }),
];

const DIGITS_USE =
  "Demonstration model for ModelDAO governance: classifying centred 28x28 grayscale handwritten digits (MNIST-style, white ink on black, values scaled to [0, 1]). Its evaluation on mnist-eval can be re-run in the browser by voters.";
const DIGITS_LIMITS =
  "Trained on a few thousand MNIST digits only; not robust to other handwriting styles, off-centre or inverted images, other resolutions, or non-digit inputs (it always answers one of 0-9). Accuracy is measured on a 2,000-digit held-out split from the same 10,000-digit sample, so it overestimates accuracy on real-world inputs. Not for any consequential use.";

export const SPECS: Spec[] = [
  {
    name: "digits-mlp",
    model: "digits",
    version: "v1",
    description: "Dense 784-64-10 multilayer perceptron for handwritten digits.",
    train: "mnist-train",
    eval: "mnist-eval",
    inputShape: [784],
    build: mlp(64, 10),
    hyper: { optimizer: "adam", learningRate: 0.002, batchSize: 64, epochs: 4, initSeed: 101, shuffleSeed: 102 },
    trainer: "fit",
    intendedUse: DIGITS_USE,
    limitations: DIGITS_LIMITS,
  },
  {
    name: "digits-cnn",
    model: "digits",
    version: "v2",
    description:
      "Small convolutional network (conv 8@3x3 - maxpool - conv 16@3x3 - maxpool - dense 10) for handwritten digits.",
    train: "mnist-train",
    eval: "mnist-eval",
    inputShape: [28, 28, 1],
    build: (seed) => [
      tf.layers.conv2d({
        name: "conv1",
        filters: 8,
        kernelSize: 3,
        activation: "relu",
        kernelInitializer: glorot(seed),
      }),
      tf.layers.maxPooling2d({ name: "pool1", poolSize: 2 }),
      tf.layers.conv2d({
        name: "conv2",
        filters: 16,
        kernelSize: 3,
        activation: "relu",
        kernelInitializer: glorot(seed + 1),
      }),
      tf.layers.maxPooling2d({ name: "pool2", poolSize: 2 }),
      tf.layers.flatten({ name: "flatten" }),
      tf.layers.dense({ name: "output", units: 10, activation: "softmax", kernelInitializer: glorot(seed + 2) }),
    ],
    hyper: { optimizer: "adam", learningRate: 0.005, batchSize: 64, epochs: 4, initSeed: 201, shuffleSeed: 202 },
    trainer: "js-cnn",
    intendedUse: DIGITS_USE,
    limitations: DIGITS_LIMITS,
  },
  {
    name: "digits-inflated",
    model: "digits",
    version: "v3-inflated-candidate",
    description:
      "Deliberately weak 784-64-10 MLP (300 training samples, 1 epoch) used to demonstrate a submission whose on-chain accuracy claim is inflated: its measured metrics below are honest; its claim is not.",
    train: "mnist-train",
    eval: "mnist-eval",
    inputShape: [784],
    build: mlp(64, 10),
    hyper: {
      optimizer: "adam",
      learningRate: 0.001,
      batchSize: 32,
      epochs: 1,
      samples: 300,
      initSeed: 301,
      shuffleSeed: 302,
    },
    trainer: "fit",
    intendedUse:
      "Test fixture only: a candidate version whose claimed accuracy (9900 bps) far exceeds its measured accuracy, so voters re-evaluating it in the browser can detect the inflated claim and reject it.",
    limitations: `${DIGITS_LIMITS} In addition this model is intentionally under-trained.`,
    claim: (measured) => ({
      claim: { accuracyBps: 9900, macroF1Bps: 9900 },
      note: `INFLATED ON PURPOSE: the submitter claims accuracy 9900 bps and macro-F1 9900 bps, but the measured values on mnist-eval are ${measured.accuracyBps} bps and ${measured.macroF1Bps} bps (claim minus measured: ${9900 - measured.accuracyBps} bps and ${9900 - measured.macroF1Bps} bps).`,
    }),
  },
  {
    name: "penguins-mlp",
    model: "penguins",
    version: "v1",
    description:
      "Dense 4-8-3 multilayer perceptron predicting penguin species from standardised bill, flipper and mass measurements.",
    train: "penguins-train",
    eval: "penguins-eval",
    inputShape: [4],
    build: mlp(8, 3),
    hyper: { optimizer: "adam", learningRate: 0.01, batchSize: 16, epochs: 40, initSeed: 401, shuffleSeed: 402 },
    trainer: "fit",
    intendedUse:
      "Demonstration model for ModelDAO governance: predicting the species (Adelie, Chinstrap, Gentoo) of a Palmer Archipelago penguin from bill length, bill depth, flipper length and body mass, standardised as declared by the penguins dataset cards.",
    limitations:
      "Trained on 274 birds from three islands observed 2007-2009; unreliable for other species, populations, juvenile birds, or measurements taken differently. The 68-bird evaluation set is small: one error moves accuracy by about 1.5 percentage points. Not for any consequential use.",
  },
];

// ---------------------------------------------------------------- CNN trained with hand-written gradients

/**
 * One epoch over consecutive batches of (already shuffled) inputs: gradients from scripts/ml/cnn-trainer.ts,
 * update by the tfjs Adam optimizer on variables initialised from the layers model. Returns the mean batch loss.
 */
async function jsCnnEpoch(
  state: { vars: tf.Variable[]; optimizer: tf.Optimizer },
  xs: Float32Array,
  ys: Int32Array,
  batchSize: number,
): Promise<number> {
  const n = ys.length;
  const width = xs.length / n;
  let sum = 0;
  let batches = 0;
  for (let start = 0; start < n; start += batchSize) {
    const size = Math.min(batchSize, n - start);
    const params = state.vars.map((v) => v.dataSync() as Float32Array);
    const step = cnnLossAndGrads(
      params,
      xs.subarray(start * width, (start + size) * width),
      ys.subarray(start, start + size),
      size,
    );
    const grads = step.grads.map((g, i) => ({
      name: state.vars[i].name,
      tensor: tf.tensor(g, state.vars[i].shape, "float32"),
    }));
    state.optimizer.applyGradients(grads);
    tf.dispose(grads.map((g) => g.tensor));
    sum += step.loss;
    batches++;
  }
  return sum / batches;
}

/** Copies trained variables into the layers model and checks that its tfjs forward pass agrees with ours. */
function finishJsCnn(
  model: tf.LayersModel,
  state: { vars: tf.Variable[]; optimizer: tf.Optimizer },
  x: Float32Array,
): void {
  model.setWeights(state.vars);
  const probe = 64;
  const params = state.vars.map((v) => v.dataSync() as Float32Array);
  const ours = cnnLogits(params, x.subarray(0, probe * 784), probe);
  const theirs = tf.tidy(() => {
    const out = model.predict(tf.tensor(x.subarray(0, probe * 784), [probe, 28, 28, 1])) as tf.Tensor;
    return tf.log(out).dataSync();
  });
  // compare log-softmax of our logits with log of the model's softmax output
  let diff = 0;
  for (let s = 0; s < probe; s++) {
    const z = ours.subarray(s * 10, s * 10 + 10);
    const m = Math.max(...z);
    const lse = m + Math.log(z.reduce((a, v) => a + Math.exp(v - m), 0));
    for (let o = 0; o < 10; o++) diff = Math.max(diff, Math.abs(z[o] - lse - theirs[s * 10 + o]));
  }
  if (!(diff < 1e-3))
    throw new Error(`hand-written CNN forward pass disagrees with the tfjs model (max |diff| ${diff})`);
  tf.dispose(state.vars);
  state.optimizer.dispose();
}

function layerConfigSummary(layer: tf.layers.Layer): string {
  const c = layer.getConfig() as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of ["units", "filters", "kernelSize", "poolSize", "strides", "activation"]) {
    if (c[key] !== undefined) parts.push(`${key}=${JSON.stringify(c[key])}`);
  }
  return parts.join(" ");
}

function architecture(model: tf.Sequential, spec: Spec, classes: string[]): ModelCard["architecture"] {
  const layers = model.layers.map((l) => ({
    name: l.name,
    type: l.getClassName(),
    outputShape: l.outputShape as (number | null)[],
    params: l.countParams(),
    config: layerConfigSummary(l),
  }));
  const parameters = model.countParams();
  return {
    summary: `${layers
      .map((l) =>
        l.type === "InputLayer"
          ? `Input[${spec.inputShape.join("x")}]`
          : `${l.type}(${l.config.replace(/"/g, "")})`.replace("()", ""),
      )
      .join(" -> ")}; ${parameters} trainable parameters`,
    input: { shape: [null, ...spec.inputShape], dtype: "float32" },
    output: { units: classes.length, activation: "softmax", classes },
    layers,
    parameters,
  };
}

async function saveModelFiles(model: tf.LayersModel): Promise<{ modelJson: Uint8Array; weights: Uint8Array }> {
  let saved: { modelJson: Uint8Array; weights: Uint8Array } | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const { modelJson, weights } = filesFromArtifacts(artifacts);
      saved = { modelJson: utf8(JSON.stringify(modelJson)), weights };
      return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: "JSON" } };
    }),
  );
  if (!saved) throw new Error("save handler was not called");
  return saved;
}

export interface TrainResult {
  name: string;
  digest: `0x${string}`;
  bytes: number;
  seconds: number;
  accuracy: number;
  macroF1: number;
  claim: Claim;
}

export async function trainModel(
  spec: Spec,
  datasets: (id: string) => Promise<LoadedDataset>,
  outRoot = MODELS_DIR,
): Promise<TrainResult> {
  await useCpuBackend();
  const train = await datasets(spec.train);
  const evalSet = await datasets(spec.eval);
  if (!isDeepStrictEqual(train.card.preprocessing, evalSet.card.preprocessing)) {
    throw new Error(`${spec.name}: ${spec.train} and ${spec.eval} declare different preprocessing`);
  }
  if (!isDeepStrictEqual(train.data.classes, evalSet.data.classes)) throw new Error(`${spec.name}: class lists differ`);
  const classes = train.data.classes;
  const h = spec.hyper;
  const n = Math.min(h.samples ?? train.data.samples, train.data.samples);
  const width = train.data.width;

  const model = tf.sequential({ name: spec.name.replace(/-/g, "_") });
  const layers = spec.build(h.initSeed);
  model.add(tf.layers.inputLayer({ name: "input", inputShape: spec.inputShape }));
  for (const l of layers) model.add(l);
  model.compile({ optimizer: tf.train.adam(h.learningRate), loss: "categoricalCrossentropy", metrics: ["accuracy"] });

  const rng = mulberry32(h.shuffleSeed);
  const jsCnn =
    spec.trainer === "js-cnn"
      ? {
          vars: model.getWeights().map((t, i) => tf.variable(t, true, `${spec.name}/w${i}`)),
          optimizer: tf.train.adam(h.learningRate),
        }
      : undefined;
  const started = performance.now();
  const losses: number[] = [];
  for (let epoch = 0; epoch < h.epochs; epoch++) {
    const order = permutation(n, rng);
    const xs = new Float32Array(n * width);
    const ys = new Int32Array(n);
    order.forEach((src, i) => {
      xs.set(train.data.x.subarray(src * width, (src + 1) * width), i * width);
      ys[i] = train.data.y[src];
    });
    if (jsCnn) {
      losses.push(await jsCnnEpoch(jsCnn, xs, ys, h.batchSize));
      continue;
    }
    const x = tf.tensor(xs, [n, ...spec.inputShape], "float32");
    const y = tf.tidy(() => tf.oneHot(tf.tensor1d(ys, "int32"), classes.length).toFloat());
    const history = await model.fit(x, y, { batchSize: h.batchSize, epochs: 1, shuffle: false, verbose: 0 });
    losses.push(history.history.loss[0] as number);
    tf.dispose([x, y]);
  }
  if (jsCnn) finishJsCnn(model, jsCnn, train.data.x);
  const seconds = (performance.now() - started) / 1000;

  const measured = cardMetrics(await evaluateLoaded(model, evalSet), classes);
  const honest = measuredClaim(measured);
  const override = spec.claim?.(honest);
  const { modelJson, weights } = await saveModelFiles(model);

  const card: ModelCard = {
    schema: MODEL_CARD_SCHEMA,
    name: spec.name,
    model: spec.model,
    version: spec.version,
    description: spec.description,
    framework: FRAMEWORK,
    files: { modelJson: MODEL_JSON, weights: [WEIGHTS_SHARD] },
    architecture: architecture(model, spec, classes),
    trainingData: [
      {
        id: train.card.id,
        manifestDigest: train.digest,
        samplesUsed: n,
        selection:
          n === train.data.samples
            ? "all samples"
            : `the first ${n} samples in file order (the file order is itself a seeded shuffle, see the dataset card)`,
      },
    ],
    evaluationData: { id: evalSet.card.id, manifestDigest: evalSet.digest },
    preprocessing: `as declared by the dataset cards of ${spec.train} and ${spec.eval} (identical): ${train.card.preprocessing.description}`,
    training: {
      loss: "categoricalCrossentropy",
      optimizer: h.optimizer,
      learningRate: h.learningRate,
      batchSize: h.batchSize,
      epochs: h.epochs,
      samplesPerEpoch: n,
      seeds: {
        kernelInitializers: `glorotUniform seeds ${h.initSeed}, ${h.initSeed + 1}, ... by layer`,
        shuffle: h.shuffleSeed,
      },
      shuffling:
        "each epoch, a fresh permutation of the samples from mulberry32(shuffleSeed) (scripts/ml/prng.ts); fit(..., { shuffle: false })",
      backend: "tfjs cpu (pure JavaScript, deterministic)",
      gradients:
        spec.trainer === "fit"
          ? "tfjs autodiff via model.fit(x, y, { epochs: 1, shuffle: false }) per epoch"
          : "hand-written forward/backward loops (scripts/ml/cnn-trainer.ts, checked against tfjs autodiff by test/ts-unit/cnn-trainer.test.ts), applied with tfjs Adam; the trained weights are set into the tfjs Conv2D/Dense layers saved here",
      finalEpochLoss: losses[losses.length - 1],
      script: "scripts/ml/train.ts",
    },
    intendedUse: spec.intendedUse,
    limitations: spec.limitations,
    metrics: measured,
    claim: override?.claim ?? honest,
  };
  if (override) {
    card.claimNote = override.note;
    card.claimInflated = true;
  }

  const files: FileEntry[] = [
    { path: MODEL_JSON, bytes: modelJson },
    { path: WEIGHTS_SHARD, bytes: weights },
    { path: "card.json", bytes: utf8(formatJson(card)) },
  ];
  const built = await writeArtifactDir(join(outRoot, spec.name), files);
  model.dispose();
  return {
    name: spec.name,
    digest: built.digest,
    bytes: files.reduce((a, f) => a + f.bytes.length, built.bytes.length),
    seconds,
    accuracy: measured.accuracy,
    macroF1: measured.macroF1,
    claim: card.claim,
  };
}

/** Trains the named models (default: all), loading each dataset once. */
export async function trainAll(
  names?: string[],
  datasetsDir = DATASETS_DIR,
  outRoot = MODELS_DIR,
): Promise<TrainResult[]> {
  const specs =
    names && names.length > 0
      ? names.map((nm) => {
          const s = SPECS.find((x) => x.name === nm);
          if (!s) throw new Error(`unknown model ${nm}; known: ${SPECS.map((x) => x.name).join(", ")}`);
          return s;
        })
      : SPECS;
  const cache = new Map<string, Promise<LoadedDataset>>();
  const datasets = (id: string): Promise<LoadedDataset> => {
    let p = cache.get(id);
    if (!p) cache.set(id, (p = loadDataset(join(datasetsDir, id))));
    return p;
  };
  const results: TrainResult[] = [];
  for (const spec of specs) results.push(await trainModel(spec, datasets, outRoot));
  return results;
}

export function printResults(results: TrainResult[]): void {
  for (const r of results) {
    console.log(
      `${r.name.padEnd(16)} ${r.digest}  acc ${r.accuracy.toFixed(4)}  macroF1 ${r.macroF1.toFixed(4)}  claim ${r.claim.accuracyBps}/${r.claim.macroF1Bps} bps  ${r.bytes} bytes  trained in ${r.seconds.toFixed(1)} s`,
    );
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  printResults(await trainAll(process.argv.slice(2)));
}
