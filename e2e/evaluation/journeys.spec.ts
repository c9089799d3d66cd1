// Journeys 1–3: evaluate a candidate in the browser (every byte verified against the chain), see it side by side
// with the active model and the claim, vote with the receipt; catch an inflated claim; stop on a tampered artifact.
import type { Page } from "@playwright/test";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { connectThroughRainbowKit, expect, test } from "../support/fixtures.ts";
import { PROBE_SAMPLES } from "../../web/src/features/evaluation/agreement.ts";
import { largestDifference, LOGIT_TOLERANCE, readReport, referenceRun } from "../support/reference.ts";
import { ACCOUNTS } from "../support/wallet.ts";

const HONEST = "Upgrade digits to digits-cnn v2";
const INFLATED = "Upgrade digits to v3: 99% accuracy";
const root = path.resolve(import.meta.dirname, "..", "..");
const card = (name: string) => JSON.parse(readFileSync(path.join(root, "ml", "models", name, "card.json"), "utf8"));
/** The files of the seeded directories (all but manifest.json, which lists them), counted and added up on disk. */
const onDisk = (dirs: string[]) => {
  const files = dirs.flatMap((dir) =>
    readdirSync(path.join(root, "ml", dir))
      .filter((name) => name !== "manifest.json")
      .map((name) => statSync(path.join(root, "ml", dir, name)).size),
  );
  return { files: files.length, megabytes: (files.reduce((a, b) => a + b, 0) / 1e6).toFixed(2) };
};

async function openProposal(page: Page, title: string) {
  await page.goto("/proposals");
  await page.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
}

async function evaluate(page: Page) {
  const panel = page.getByTestId("evaluation-panel");
  await panel.getByRole("button", { name: /^Evaluate/ }).click();
  // The run shows its progress bar until it ends; a refusal can end it before a poll sees the bar.
  await expect(
    panel
      .getByRole("progressbar", { name: "Evaluation progress" })
      .or(panel.getByTestId("evaluation-error"))
      .or(panel.getByTestId("evaluation-results")),
  ).toBeVisible();
  return panel;
}

test("journey 1: a holder evaluates the upgrade in the browser, sees the truth side by side, and votes with the receipt", async ({
  page,
  connect,
  stack,
}) => {
  test.setTimeout(240_000);
  await connect(page, ACCOUNTS.holder);
  await openProposal(page, HONEST);
  await connectThroughRainbowKit(page);
  // Before the click the panel says what Evaluate downloads: its manifests are already read and matched to the chain.
  const size = onDisk(["models/digits-cnn", "models/digits-mlp", "datasets/mnist-eval"]);
  await expect(page.getByTestId("evaluation-size")).toHaveText(
    `That is ${size.megabytes} MB in ${size.files} files, whose manifests already match the chain.`,
  );
  // The directories' answers are held back until the progress bar has been seen saying bytes and files.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  const isDirectory = (url: URL) =>
    url.href.startsWith(`${stack.gatewayUrl}/ipfs/`) && !url.pathname.endsWith("/manifest.json");
  await page.route(isDirectory, async (route) => {
    await held;
    await route.continue();
  });
  const panel = await evaluate(page);
  await expect(panel.getByRole("progressbar", { name: "Evaluation progress" })).toBeVisible();
  await expect(panel.getByRole("status")).toContainText(
    new RegExp(`of ${Number(size.megabytes).toFixed(1)} MB, 0 of ${size.files} files`),
  );
  // From here on every answer passes as it is.
  release();
  await expect(panel.getByTestId("evaluation-results")).toBeVisible({ timeout: 180_000 });

  // The browser's accuracy equals the Node reference evaluation of the same artifacts (recorded in the model cards).
  const reference = (name: string) => `${(card(name).metrics.accuracy * 100).toFixed(2)}%`;
  await expect(panel.getByTestId("candidate-accuracy")).toHaveText(reference("digits-cnn"));
  await expect(panel.getByTestId("active-accuracy")).toHaveText(reference("digits-mlp"));
  await expect(panel.getByTestId("verdict")).toContainText("better");
  await expect(panel.getByTestId("claim-ok")).toBeVisible();
  await expect(panel.getByRole("img", { name: /confusion matrix/ })).toHaveCount(2);
  await expect(panel.getByTestId("disagreement-gallery").locator("canvas").first()).toBeVisible();
  const backends = panel.getByTestId("backend-report");
  await expect(backends).toContainText("checked against the CPU backend");
  // "auto" ranks rather than measures what cannot win: the CPU backend once WASM runs (it does in every Chromium);
  // WebGL is measured only on a real GPU (this machine's SwiftShader is reported as software).
  await expect(backends).toContainText("cpu: not used (ranked below WASM");
  await expect(backends).toContainText(/webgl: (\d+ ms probe|agrees|not used \(software renderer .*not measured\))/);

  // Beyond the accuracy: each of the 2,000 predictions and the first samples' outputs equal the Node reference.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    panel.getByRole("button", { name: "Download the full report (JSON)" }).click(),
  ]);
  const report = await readReport(download);
  // The run released every tensor it made in its worker (each batch's inputs, each model).
  expect(report.tensorsLeft).toBe(0);
  for (const [side, name] of [
    [report.candidate, "digits-cnn"],
    [report.active!, "digits-mlp"],
  ] as const) {
    const node = await referenceRun(
      path.join(root, "ml", "models", name),
      path.join(root, "ml", "datasets", "mnist-eval"),
      side.probeOutputs.length,
    );
    expect(side.probeOutputs).toHaveLength(Math.min(PROBE_SAMPLES, report.dataset.samples));
    expect(side.predictions).toEqual(node.predictions);
    expect(largestDifference(side.probeOutputs, node.probeOutputs)).toBeLessThanOrEqual(LOGIT_TOLERANCE);
  }

  await panel.getByRole("button", { name: "Use this result in my vote" }).click();
  const form = page.getByRole("form", { name: "Cast your vote" });
  await expect(form.getByRole("textbox")).toHaveValue(/modeldao-eval:v1 \{"model":"digits","version":2,/);
  await form.getByLabel("For", { exact: true }).check();
  await form.getByRole("button", { name: "Vote For" }).click();
  await expect(page.getByText("Your vote is recorded.")).toBeVisible();
  await expect(page.getByTestId("receipt-summary")).toContainText("1 voter evaluated this candidate");
  await expect(page.getByTestId("receipt-disagreements")).toHaveCount(0);
});

test("journey 2: an inflated claim is flagged in plain words before the vote buttons", async ({ page }) => {
  test.setTimeout(240_000);
  await openProposal(page, INFLATED);
  const panel = await evaluate(page);
  const warning = panel.getByTestId("claim-warning");
  await expect(warning).toBeVisible({ timeout: 180_000 });
  await expect(warning).toContainText("claims 99.00% accuracy");
  await expect(warning).toContainText(`${(card("digits-inflated").metrics.accuracy * 100).toFixed(2)}%`);
  await expect(warning).toContainText("The claim is not supported");
  await expect(panel.getByTestId("verdict")).toContainText("worse");
  const warningBox = await warning.boundingBox();
  const voteBox = await page.getByRole("heading", { name: "Vote", exact: true }).boundingBox();
  expect(warningBox!.y).toBeLessThan(voteBox!.y);
});

test("journey 3: a tampered shard stops the evaluation before parsing, names the file, and offers no receipt", async ({
  page,
  stack,
}) => {
  test.setTimeout(240_000);
  await openProposal(page, HONEST);
  // The gateway flips one byte of the candidate's weight shard — a single raw block, so its bytes appear as they are
  // in the CAR stream that carries the candidate's directory — and serves everything else honestly.
  const shard = new Uint8Array(readFileSync(path.join(root, "ml", "models", "digits-cnn", "group1-shard1of1.bin")));
  let tampered = 0;
  const isGateway = (url: URL) => url.href.startsWith(`${stack.gatewayUrl}/ipfs/`);
  await page.route(isGateway, async (route) => {
    const response = await route.fetch();
    const body = Buffer.from(await response.body());
    const at = body.indexOf(shard.subarray(0, 256));
    if (at >= 0) {
      body[at + (shard.length >> 1)] ^= 0xff;
      tampered += 1;
    }
    await route.fulfill({ response, body });
  });
  const panel = await evaluate(page);
  const error = panel.getByTestId("evaluation-error");
  await expect(error).toBeVisible({ timeout: 120_000 });
  await expect(error).toContainText(/digits v2\/group1-shard1of1\.bin/);
  await expect(error).toContainText("do not match the content address");
  expect(tampered).toBeGreaterThan(0);
  await expect(panel.getByRole("button", { name: "Use this result in my vote" })).toHaveCount(0);

  // The tab is alive: with honest bytes the same panel evaluates.
  await page.unroute(isGateway);
  await panel.getByRole("button", { name: /^Evaluate/ }).click();
  await expect(panel.getByTestId("evaluation-results")).toBeVisible({ timeout: 180_000 });
});
