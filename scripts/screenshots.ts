// Captures the README's screenshots from a running local stack (`npm start` first) in Debian's Chromium:
// `node scripts/screenshots.ts [webUrl]` writes docs/screenshots/*.png. Read-only: it connects no wallet.
import { chromium, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";
import path from "node:path";

const webUrl = (process.argv[2] ?? "http://127.0.0.1:5173").replace(/\/$/, "");
const out = path.resolve(import.meta.dirname, "..", "docs", "screenshots");
mkdirSync(out, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-quic", "--disable-background-networking", "--no-first-run"],
});

async function shoot(page: Page, route: string, name: string, ready: (page: Page) => Promise<unknown>) {
  await page.goto(`${webUrl}${route}`);
  await ready(page);
  await page.waitForTimeout(500);
  await page.screenshot({ path: path.join(out, `${name}.png`), fullPage: false });
  console.log(`docs/screenshots/${name}.png`);
}

const desktop = await browser.newPage({ viewport: { width: 1280, height: 860 } });
await shoot(desktop, "/", "overview", (page) =>
  page
    .getByText(/active/)
    .first()
    .waitFor(),
);
await shoot(desktop, "/proposals", "proposals", (page) => page.getByTestId("proposal-row").first().waitFor());
await desktop.goto(`${webUrl}/proposals`);
await desktop.getByRole("link", { name: "Upgrade digits to digits-cnn v2" }).click();
await desktop.getByTestId("proposal-actions").waitFor();
const proposalPath = new URL(desktop.url()).pathname;
await shoot(desktop, proposalPath, "proposal", (page) => page.getByTestId("proposal-actions").waitFor());
await shoot(desktop, "/models/digits", "model", (page) =>
  page
    .getByText(/activated/)
    .first()
    .waitFor(),
);
await shoot(desktop, "/datasets", "datasets", (page) => page.getByText("mnist-eval").first().waitFor());
await shoot(desktop, "/treasury", "treasury", (page) => page.getByText(/Grant/).first().waitFor());

// The upgrade wizard with a model directory picked: its manifest and CID computed in the browser.
await desktop.setViewportSize({ width: 1280, height: 1200 });
await desktop.goto(`${webUrl}/proposals/new/upgrade`);
const modelDir = path.resolve(import.meta.dirname, "..", "ml", "models", "digits-cnn");
await desktop
  .getByLabel("Drop the model directory: choose files")
  .setInputFiles(["model.json", "group1-shard1of1.bin", "card.json"].map((name) => path.join(modelDir, name)));
await desktop.getByTestId("content-address").waitFor();
await desktop.waitForTimeout(500);
await desktop.screenshot({ path: path.join(out, "new-proposal.png") });
console.log("docs/screenshots/new-proposal.png");

// The evaluation panel after a real run in this browser: metrics beside the claim, heatmaps, disagreements.
await desktop.setViewportSize({ width: 1280, height: 2200 });
await desktop.goto(`${webUrl}${proposalPath}`);
await desktop
  .getByTestId("evaluation-panel")
  .getByRole("button", { name: /^Evaluate/ })
  .click();
await desktop.getByTestId("evaluation-results").waitFor({ timeout: 180_000 });
await desktop.waitForTimeout(1000);
await desktop.getByTestId("evaluation-panel").screenshot({ path: path.join(out, "evaluation.png") });
console.log("docs/screenshots/evaluation.png");
await desktop.goto(`${webUrl}/proposals`);
await desktop.getByRole("link", { name: "Upgrade digits to v3: 99% accuracy" }).click();
await desktop
  .getByTestId("evaluation-panel")
  .getByRole("button", { name: /^Evaluate/ })
  .click();
await desktop.getByTestId("claim-warning").waitFor({ timeout: 180_000 });
await desktop.getByTestId("claim-warning").screenshot({ path: path.join(out, "inflated-claim.png") });
console.log("docs/screenshots/inflated-claim.png");

const dark = await browser.newPage({ viewport: { width: 1280, height: 860 }, colorScheme: "dark" });
await shoot(dark, proposalPath, "proposal-dark", (page) => page.getByTestId("proposal-actions").waitFor());

const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
await shoot(phone, proposalPath, "proposal-phone", (page) => page.getByTestId("proposal-actions").waitFor());

await browser.close();
