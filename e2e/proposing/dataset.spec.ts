// Journey 5: a maintainer proposes a dataset (content address, license, source, creator, card) from the browser;
// after the vote it appears in the whitelist with its provenance.
import { cpSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { computeDirectoryCid } from "../../scripts/ipfs/client.ts";
import { readDirectoryFiles } from "../../scripts/lib/directory.ts";
import { prepareDatasetFiles } from "../../scripts/lib/publication.ts";
import { connectThroughRainbowKit, expect, test } from "../support/fixtures.ts";
import { passProposal, proposalIdFromUrl } from "../support/governance.ts";
import { root } from "../support/stack.ts";
import { ACCOUNTS } from "../support/wallet.ts";

const DAY = 86_400;

test("a maintainer uploads a dataset and proposes it; after the vote it is on the whitelist with its provenance", async ({
  page,
  connect,
  chain,
  stack,
}) => {
  test.setTimeout(180_000);
  const dir = mkdtempSync(path.join(tmpdir(), "modeldao-dataset-"));
  cpSync(path.join(root, "ml", "datasets", "penguins-eval"), dir, { recursive: true });
  const card = JSON.parse(readFileSync(path.join(dir, "card.json"), "utf8"));
  const expected = await prepareDatasetFiles(readDirectoryFiles(dir), dir);
  const expectedCid = await computeDirectoryCid(expected.files);

  await connect(page, ACCOUNTS.maintainer);
  await page.goto("/proposals/new/whitelist");
  await connectThroughRainbowKit(page);
  const wizard = page.getByRole("form", { name: "Whitelist a dataset" });
  await wizard.getByLabel("Drop the dataset directory: choose a folder").setInputFiles(dir);
  await expect(wizard.getByTestId("content-address")).toContainText(expectedCid);
  await expect(wizard.getByTestId("dataset-provenance")).toContainText(card.license);
  await expect(wizard.getByTestId("dataset-provenance")).toContainText(card.creator);

  // The card's own id is already on the whitelist: ids are never reused.
  await expect(wizard.getByLabel(/^Dataset id/)).toHaveValue("penguins-eval");
  await expect(wizard.getByRole("alert")).toContainText("already approved");
  await wizard.getByLabel(/^Dataset id/).fill("penguins-field-2027");
  await expect(wizard.getByRole("alert")).toHaveCount(0);
  await wizard.getByRole("button", { name: "Upload and add the approval" }).click();
  await expect(wizard.getByText(`stored the files under ${expectedCid}`)).toBeVisible();
  await expect(page.getByTestId("proposal-actions")).toContainText("Approve dataset penguins-field-2027");
  await expect(page.getByLabel("Title")).toHaveValue("Whitelist dataset penguins-field-2027");
  await page.getByRole("button", { name: "Propose" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Whitelist dataset penguins-field-2027" })).toBeVisible();

  await passProposal(chain, stack, proposalIdFromUrl(page.url()));
  await page.getByRole("button", { name: "Queue for execution" }).click();
  await expect(page.getByText(/Executable in/)).toBeVisible();
  await chain.advance(DAY + 60);
  await page.getByRole("button", { name: "Execute" }).click();
  await expect(page.getByText(/^Executed /).first()).toBeVisible();

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Datasets" }).click();
  const entry = page.locator("li#penguins-field-2027");
  await expect(entry).toContainText(expectedCid);
  await expect(entry).toContainText(card.license);
  await expect(entry).toContainText(card.source);
  await expect(entry).toContainText(card.creator);
});
