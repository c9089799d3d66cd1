// The tabular path through the same evaluation code as the digits: a penguins candidate (the seeded MLP with its
// bill-length weights weakened) is published by the maintainer tool, evaluated in the browser against the active
// penguins model on the whitelisted penguins-eval set, and must measure exactly what the Node reference measures.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { readDirectoryFiles } from "../../scripts/lib/directory.ts";
import { prepareModelFiles } from "../../scripts/lib/publication.ts";
import { evaluate } from "../../scripts/ml/evaluate.ts";
import { publishModel } from "../../scripts/publish-model.ts";
import { expect, test } from "../support/fixtures.ts";
import { PROBE_SAMPLES } from "../../web/src/features/evaluation/agreement.ts";
import { largestDifference, LOGIT_TOLERANCE, readReport, referenceRun } from "../support/reference.ts";
import { root } from "../support/stack.ts";

const TITLE = "Upgrade penguins to a lighter MLP";
/** The hidden layer's weights for the first feature (bill length) are scaled by this. */
const WEAKENED = 0.3;

async function weakenedPenguinsModel() {
  const dir = mkdtempSync(path.join(tmpdir(), "modeldao-penguins-"));
  cpSync(path.join(root, "ml", "models", "penguins-mlp"), dir, { recursive: true });
  const shardPath = path.join(dir, "group1-shard1of1.bin");
  const weights = new Float32Array(new Uint8Array(readFileSync(shardPath)).buffer);
  // hidden/kernel is [4 features, 8 units], row-major: the first 8 floats are the first feature's weights.
  for (let unit = 0; unit < 8; unit += 1) weights[unit] *= WEAKENED;
  writeFileSync(shardPath, new Uint8Array(weights.buffer));
  const reference = await evaluateWithManifest(dir);
  const card = JSON.parse(readFileSync(path.join(dir, "card.json"), "utf8"));
  card.name = "penguins-mlp-light";
  card.claim = { accuracyBps: reference.accuracyBps, macroF1Bps: reference.macroF1Bps };
  writeFileSync(path.join(dir, "card.json"), JSON.stringify(card, null, 2));
  await evaluateWithManifest(dir);
  return { dir, reference };
}

/** Rebuilds manifest.json for the directory as it is now, then evaluates it in Node (tfjs CPU backend). */
async function evaluateWithManifest(dir: string) {
  const prepared = await prepareModelFiles(readDirectoryFiles(dir), dir);
  writeFileSync(path.join(dir, "manifest.json"), prepared.files.find((f) => f.path === "manifest.json")!.bytes);
  const { cardMetrics } = await evaluate(dir, path.join(root, "ml", "datasets", "penguins-eval"));
  return cardMetrics;
}

test("a tabular candidate (penguins) is evaluated through the same code and equals the Node reference", async ({
  page,
  stack,
}) => {
  test.setTimeout(240_000);
  const { dir, reference } = await weakenedPenguinsModel();
  await publishModel({
    dir,
    model: "penguins",
    train: ["penguins-train"],
    eval: "penguins-eval",
    propose: TITLE,
    deployment: stack.deployment,
  });
  const active = JSON.parse(readFileSync(path.join(root, "ml", "models", "penguins-mlp", "card.json"), "utf8"));

  await page.goto("/proposals");
  await page.getByRole("link", { name: TITLE }).click();
  const panel = page.getByTestId("evaluation-panel");
  await panel.getByRole("button", { name: /^Evaluate/ }).click();
  await expect(panel.getByTestId("evaluation-results")).toBeVisible({ timeout: 180_000 });

  const percent = (accuracy: number) => `${(accuracy * 100).toFixed(2)}%`;
  await expect(panel.getByTestId("candidate-accuracy")).toHaveText(percent(reference.accuracy));
  await expect(panel.getByTestId("active-accuracy")).toHaveText(percent(active.metrics.accuracy));
  await expect(panel.getByTestId("claim-ok")).toBeVisible();
  await expect(panel.getByRole("img", { name: /confusion matrix/ })).toHaveCount(2);
  // The disagreements are penguins' rows (their measurements), not images.
  const gallery = panel.getByTestId("disagreement-gallery");
  await expect(gallery).toBeVisible();
  await expect(gallery.getByRole("row").nth(1)).toContainText(/\d+(\.\d+)?/);
  await expect(gallery.locator("canvas")).toHaveCount(0);

  // The downloadable report: every prediction equals Node's, every probe output is within 1e-4 of Node's.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    panel.getByRole("button", { name: "Download the full report (JSON)" }).click(),
  ]);
  const report = await readReport(download);
  const datasetDir = path.join(root, "ml", "datasets", "penguins-eval");
  for (const [side, modelDir] of [
    [report.candidate, dir],
    [report.active!, path.join(root, "ml", "models", "penguins-mlp")],
  ] as const) {
    const node = await referenceRun(modelDir, datasetDir, side.probeOutputs.length);
    expect(side.probeOutputs).toHaveLength(Math.min(PROBE_SAMPLES, report.dataset.samples));
    expect(side.predictions).toEqual(node.predictions);
    expect(largestDifference(side.probeOutputs, node.probeOutputs)).toBeLessThanOrEqual(LOGIT_TOLERANCE);
  }
  expect(report.dataset.samples).toBe(report.candidate.predictions.length);
});
