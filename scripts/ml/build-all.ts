/**
 * Rebuilds every ML artefact: datasets (ml/datasets/<id>/), then models (ml/models/<name>/), then the index
 * ml/index.json listing each directory's manifest digest. Deterministic: a second run changes no byte.
 *
 *   node scripts/ml/build-all.ts
 */
import { readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { DatasetCard } from "../lib/dataset.ts";
import { formatJson } from "../lib/json.ts";
import type { ModelCard } from "../lib/model-card.ts";
import { buildDatasets, DATASETS_DIR } from "./datasets.ts";
import { loadVerifiedDir, REPO_ROOT } from "./files.ts";
import { MODELS_DIR, printResults, trainAll } from "./train.ts";

export const INDEX_FILE = join(REPO_ROOT, "ml", "index.json");

export interface ArtifactIndex {
  format: "modeldao-ml-index/1";
  datasets: Record<string, { manifestDigest: string; task: string; samples: number; license: string }>;
  models: Record<
    string,
    {
      manifestDigest: string;
      model: string;
      version: string;
      trainingData: string[];
      evaluationData: string;
      measured: { accuracyBps: number; macroF1Bps: number };
      claim: { accuracyBps: number; macroF1Bps: number };
      claimInflated: boolean;
    }
  >;
}

async function subdirs(dir: string): Promise<string[]> {
  return (await readdir(dir, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

/** The index of the artefact directories currently on disk (each verified against its manifest). */
export async function buildIndex(): Promise<ArtifactIndex> {
  const index: ArtifactIndex = { format: "modeldao-ml-index/1", datasets: {}, models: {} };
  for (const id of await subdirs(DATASETS_DIR)) {
    const d = await loadVerifiedDir(join(DATASETS_DIR, id));
    const card = d.json<DatasetCard>("card.json");
    index.datasets[id] = { manifestDigest: d.digest, task: card.task, samples: card.samples, license: card.license };
  }
  for (const name of await subdirs(MODELS_DIR)) {
    const d = await loadVerifiedDir(join(MODELS_DIR, name));
    const card = d.json<ModelCard>("card.json");
    index.models[name] = {
      manifestDigest: d.digest,
      model: card.model,
      version: card.version,
      trainingData: card.trainingData.map((t) => t.id),
      evaluationData: card.evaluationData.id,
      measured: { accuracyBps: card.metrics.accuracyBps, macroF1Bps: card.metrics.macroF1Bps },
      claim: card.claim,
      claimInflated: card.claimInflated === true,
    };
  }
  return index;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const t0 = performance.now();
  for (const r of await buildDatasets()) console.log(`${r.id.padEnd(16)} ${r.digest}  ${r.bytes} bytes`);
  printResults(await trainAll());
  await writeFile(INDEX_FILE, formatJson(await buildIndex()));
  console.log(`wrote ${INDEX_FILE} in ${((performance.now() - t0) / 1000).toFixed(1)} s total`);
}
