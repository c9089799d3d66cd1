// The Node reference a browser evaluation must equal: the same verified artifacts, the tfjs CPU backend in this
// process (scripts/ml/evaluate.ts), every prediction and the outputs of the first samples.
import type { Download } from "@playwright/test";
import { readFileSync } from "node:fs";
import * as tf from "@tensorflow/tfjs";
import { loadDataset, loadModel, predictClasses } from "../../scripts/ml/evaluate.ts";
import type { EvaluationReport } from "../../web/src/features/evaluation/report.ts";

export const LOGIT_TOLERANCE = 1e-4;

export async function referenceRun(modelDir: string, datasetDir: string, probeRows: number) {
  const [{ model }, { data }] = await Promise.all([loadModel(modelDir), loadDataset(datasetDir)]);
  try {
    const inputShape = model.inputs[0].shape.slice(1) as number[];
    const outputs = tf.tidy(() => {
      const x = tf.tensor(data.x.subarray(0, probeRows * data.width), [probeRows, ...inputShape], "float32");
      return (model.predict(x) as tf.Tensor).arraySync() as number[][];
    });
    return { predictions: predictClasses(model, data), probeOutputs: outputs };
  } finally {
    model.dispose();
  }
}

export async function readReport(download: Download): Promise<EvaluationReport> {
  return JSON.parse(readFileSync(await download.path(), "utf8")) as EvaluationReport;
}

/** The largest |browser − Node| over every output of the probe rows. */
export function largestDifference(browser: number[][], node: number[][]): number {
  if (browser.length !== node.length)
    throw new Error(`${browser.length} probe rows in the browser, ${node.length} here`);
  return Math.max(...browser.flatMap((row, i) => row.map((value, j) => Math.abs(value - node[i][j]))));
}
