// Journey 4: a maintainer drops model files → the dApp computes the content address in the browser → a dataset that
// is not whitelisted is refused by the contract and the form says why, with nothing uploaded or sent → uploads,
// submits the candidate, opens the activation proposal and lands on its page.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { computeDirectoryCid, fetchVerified } from "../../scripts/ipfs/client.ts";
import { readDirectoryFiles } from "../../scripts/lib/directory.ts";
import { manifestDigest } from "../../scripts/lib/manifest.ts";
import { prepareModelFiles } from "../../scripts/lib/publication.ts";
import { nameToId } from "../../web/src/shared/format.ts";
import { abis } from "../../web/src/contracts/abis.ts";
import { connectThroughRainbowKit, expect, test } from "../support/fixtures.ts";
import { proposalIdFromUrl } from "../support/governance.ts";
import { root } from "../support/stack.ts";
import { ACCOUNTS, accountAt } from "../support/wallet.ts";

/** A retrained candidate: the CNN's files with a card of its own, so its content address is new. */
function candidateDirectory() {
  const dir = mkdtempSync(path.join(tmpdir(), "modeldao-candidate-"));
  cpSync(path.join(root, "ml", "models", "digits-cnn"), dir, { recursive: true });
  const card = JSON.parse(readFileSync(path.join(dir, "card.json"), "utf8"));
  card.name = "digits-cnn-retrained";
  card.description = `${card.description} Retrained for the upgrade journey.`;
  writeFileSync(path.join(dir, "card.json"), JSON.stringify(card, null, 2));
  return dir;
}

test("a maintainer drops model files, sees the CID computed in the browser, submits the candidate and proposes it", async ({
  page,
  connect,
  chain,
  stack,
}) => {
  test.setTimeout(150_000);
  const dir = candidateDirectory();
  const expected = await prepareModelFiles(readDirectoryFiles(dir), dir);
  const expectedCid = await computeDirectoryCid(expected.files);
  const maintainer = accountAt(ACCOUNTS.maintainer).address;

  await connect(page, ACCOUNTS.maintainer);
  await page.goto("/proposals/new/upgrade");
  await connectThroughRainbowKit(page);
  const wizard = page.getByRole("form", { name: "Upgrade a model" });
  await wizard
    .getByLabel("Drop the model directory: choose files")
    .setInputFiles(["model.json", "group1-shard1of1.bin", "card.json"].map((f) => path.join(dir, f)));

  // The same CID and manifest digest the maintainer tools compute in Node, computed by the page.
  const address = wizard.getByTestId("content-address");
  await expect(address).toContainText(expectedCid);
  await expect(address).toContainText(expected.manifestDigest);
  await expect(wizard.getByTestId("claimed-metrics")).toContainText("accuracy 97.15%");
  await expect(wizard.getByLabel(/^Model/)).toHaveValue("digits");
  await expect(wizard.getByLabel(/^Parent version/)).toHaveValue("1");

  // A training dataset that is not on the whitelist: the contract refuses it in the simulation, before any upload.
  const nonce = await chain.client.getTransactionCount({ address: maintainer });
  await wizard.getByLabel(/^Training datasets/).fill("mnist-train, emnist");
  await wizard.getByRole("button", { name: "Upload and submit the candidate" }).click();
  await expect(wizard.getByRole("alert")).toContainText("emnist");
  await expect(wizard.getByRole("alert")).toContainText("is not on the whitelist");
  expect(await chain.client.getTransactionCount({ address: maintainer })).toBe(nonce);
  const notUploaded = await fetch(`${stack.gatewayUrl}/ipfs/${expectedCid}?format=raw`);
  expect(notUploaded.status).toBe(404);

  await wizard.getByLabel(/^Training datasets/).fill("mnist-train");
  await wizard.getByRole("button", { name: "Upload and submit the candidate" }).click();
  await expect(wizard.getByText("Candidate submitted.")).toBeVisible();
  await expect(wizard.getByText(`stored the files under ${expectedCid}`)).toBeVisible();
  await expect(page.getByTestId("proposal-actions")).toContainText("Activate digits v4");
  await expect(page.getByLabel("Title")).toHaveValue("Upgrade digits to v4");

  // The registry holds exactly the bytes the page computed: its manifest digest matches the verified download.
  const version = await chain.client.readContract({
    address: stack.deployment.contracts.modelRegistry,
    abi: abis.modelRegistry,
    functionName: "getVersion",
    args: [nameToId("digits"), 4],
  });
  expect(version.manifestDigest).toBe(expected.manifestDigest);
  const manifest = await fetchVerified(stack.gatewayUrl, expectedCid, "manifest.json", {
    signal: AbortSignal.timeout(10_000),
  });
  expect(await manifestDigest(manifest)).toBe(expected.manifestDigest);

  await page.getByRole("button", { name: "Propose" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Upgrade digits to v4" })).toBeVisible();
  await expect(page.getByTestId("proposal-actions")).toContainText("Activate digits v4");
  await expect(page.getByText(expectedCid).first()).toBeVisible();
  const state = await chain.client.readContract({
    address: stack.deployment.contracts.governor,
    abi: abis.governor,
    functionName: "state",
    args: [proposalIdFromUrl(page.url())],
  });
  expect(state).toBe(0);
});

test("files that are not a model are refused with the reason, and nothing is offered to upload", async ({
  page,
  connect,
}) => {
  const dir = candidateDirectory();
  writeFileSync(path.join(dir, "model.json"), '{"modelTopology": ');
  await connect(page, ACCOUNTS.maintainer);
  await page.goto("/proposals/new/upgrade");
  const wizard = page.getByRole("form", { name: "Upgrade a model" });
  await wizard.getByLabel("Drop the model directory: choose a folder").setInputFiles(dir);
  await expect(wizard.getByRole("alert")).toContainText("model.json does not parse as JSON");
  await expect(wizard.getByRole("button", { name: "Upload and submit the candidate" })).toHaveCount(0);
});

test("when the content node cannot be reached the upload fails in words and nothing is submitted", async ({
  page,
  connect,
  chain,
  stack,
}) => {
  const dir = candidateDirectory();
  const maintainer = accountAt(ACCOUNTS.maintainer).address;
  await connect(page, ACCOUNTS.maintainer);
  await page.goto("/proposals/new/upgrade");
  await connectThroughRainbowKit(page);
  const wizard = page.getByRole("form", { name: "Upgrade a model" });
  await wizard.getByLabel("Drop the model directory: choose a folder").setInputFiles(dir);
  await expect(wizard.getByTestId("content-address")).toBeVisible();
  const isUpload = (url: URL) => url.href.startsWith(`${stack.gatewayUrl}/api/v0/add`);
  await page.route(isUpload, (route) => route.abort("connectionrefused"));
  const nonce = await chain.client.getTransactionCount({ address: maintainer });
  await wizard.getByRole("button", { name: "Upload and submit the candidate" }).click();
  await expect(wizard.getByRole("alert")).toContainText("Upload failed");
  await expect(wizard.getByRole("alert")).toContainText("could not be reached");
  expect(await chain.client.getTransactionCount({ address: maintainer })).toBe(nonce);
  await expect(page.getByTestId("proposal-actions")).toHaveCount(0);

  // The node is back: the same pick uploads and submits without choosing the files again.
  await page.unroute(isUpload);
  await wizard.getByRole("button", { name: "Upload and submit the candidate" }).click();
  await expect(wizard.getByText("Candidate submitted.")).toBeVisible();
  await expect(page.getByTestId("proposal-actions")).toContainText("Activate digits v4");
});
