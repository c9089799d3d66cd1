// Each hostile artifact a maintainer could publish is refused before tfjs sees it, with a message naming the file,
// and the tab stays usable. The crafted versions are uploaded to the real content node and registered on chain by the
// maintainer, with an activation proposal, exactly as an attacker would.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { encodeFunctionData, parseEventLogs, type Hex } from "viem";
import { uploadDirectory } from "../../scripts/ipfs/client.ts";
import type { Deployment } from "../../scripts/lib/deployment-schema.ts";
import { buildManifest } from "../../scripts/lib/manifest.ts";
import { connect as connectClients, proposeCall, sha256Hex0x } from "../../scripts/lib/publishing.ts";
import { nameId } from "../../scripts/seed.ts";
import { abis } from "../../web/src/contracts/abis.ts";
import { expect, test } from "../support/fixtures.ts";

const root = path.resolve(import.meta.dirname, "..", "..");
const cnnDir = path.join(root, "ml", "models", "digits-cnn");
type File = { path: string; bytes: Uint8Array };

function cnnFiles(): File[] {
  return readdirSync(cnnDir)
    .filter((name) => name !== "manifest.json")
    .map((name) => ({ path: name, bytes: new Uint8Array(readFileSync(path.join(cnnDir, name))) }));
}

function editModelJson(files: File[], edit: (json: any) => void): File[] {
  // eslint-disable-line @typescript-eslint/no-explicit-any
  return files.map((file) => {
    if (file.path !== "model.json") return file;
    const json = JSON.parse(new TextDecoder().decode(file.bytes));
    edit(json);
    return { path: file.path, bytes: new TextEncoder().encode(JSON.stringify(json)) };
  });
}

/** Uploads `files` with a manifest, registers them as a new `digits` version and proposes activating it. */
async function publishCrafted(deployment: Deployment, files: File[], title: string, options: { digest?: Hex } = {}) {
  const manifest = await buildManifest(files);
  const clients = await connectClients(deployment, undefined, 2);
  const uploaded = await uploadDirectory(deployment.gatewayUrl!, [
    ...files,
    { path: "manifest.json", bytes: manifest.bytes },
  ]);
  const card = files.find((file) => file.path === "card.json")!;
  const hash = await clients.wallet.writeContract({
    address: deployment.contracts.modelRegistry,
    abi: abis.modelRegistry,
    functionName: "submitModelVersion",
    args: [
      {
        modelId: nameId("digits"),
        parentVersion: 1,
        cid: uploaded.cid,
        manifestDigest: options.digest ?? manifest.digest,
        cardDigest: await sha256Hex0x(card.bytes),
        trainingDatasets: [nameId("mnist-train")],
        evaluationDataset: nameId("mnist-eval"),
        claimedAccuracyBps: 9700,
        claimedMacroF1Bps: 9700,
      },
    ],
  });
  const receipt = await clients.client.waitForTransactionReceipt({ hash });
  const [submitted] = parseEventLogs({
    abi: abis.modelRegistry,
    eventName: "ModelVersionSubmitted",
    logs: receipt.logs,
  });
  await proposeCall(
    clients,
    deployment,
    {
      target: deployment.contracts.modelRegistry,
      data: encodeFunctionData({
        abi: abis.modelRegistry,
        functionName: "activateVersion",
        args: [nameId("digits"), submitted.args.version],
      }),
    },
    `# ${title}\n\nA crafted candidate.`,
  );
  return submitted.args.version;
}

const CASES: { name: string; files: () => File[]; digest?: Hex; expected: RegExp }[] = [
  {
    name: "a manifest whose digest differs from the chain's",
    files: cnnFiles,
    digest: `0x${"ab".repeat(32)}`,
    expected: /manifest\.json: its SHA-256 .* does not match the digest on chain/,
  },
  {
    name: "an unknown layer class",
    files: () => editModelJson(cnnFiles(), (json) => (json.modelTopology.config.layers[1].class_name = "Lambda")),
    expected: /model\.json: layer class "Lambda" is not on the allowlist/,
  },
  {
    name: "a giant weight shape",
    files: () => editModelJson(cnnFiles(), (json) => (json.weightsManifest[0].weights[0].shape = [100000, 100000])),
    expected: /model\.json: weight .* of shape \[100000, 100000\] takes the model over/,
  },
  {
    name: "a weight path outside the manifest",
    files: () => editModelJson(cnnFiles(), (json) => (json.weightsManifest[0].paths = ["../mnist-eval/features.bin"])),
    expected: /model\.json: weight path "..\/mnist-eval\/features\.bin" is not in the manifest/,
  },
  {
    name: "an oversized model.json",
    files: () => editModelJson(cnnFiles(), (json) => (json.padding = "x".repeat(1024 * 1024 + 16))),
    expected: /model\.json: \d+ bytes is over the 1048576-byte limit/,
  },
];

for (const crafted of CASES) {
  test(`refuses ${crafted.name}, names the file, and the tab stays alive`, async ({ page, stack }) => {
    test.setTimeout(180_000);
    const title = `Crafted: ${crafted.name}`;
    await publishCrafted(stack.deployment, crafted.files(), title, { digest: crafted.digest });
    await page.goto("/proposals");
    await page.getByRole("link", { name: title }).click();
    const panel = page.getByTestId("evaluation-panel");
    // The panel reads the manifests when it opens: one that does not match the chain gives no size, and no error yet
    // (Evaluate reads it again and says why).
    if (crafted.digest)
      await expect(panel.getByTestId("evaluation-size")).toHaveText(
        "The size is not known yet: Evaluate asks the gateway again.",
        { timeout: 30_000 },
      );
    await panel.getByRole("button", { name: /^Evaluate/ }).click();
    const error = panel.getByTestId("evaluation-error");
    await expect(error).toBeVisible({ timeout: 120_000 });
    await expect(error).toContainText(crafted.expected);
    await expect(panel.getByRole("button", { name: "Use this result in my vote" })).toHaveCount(0);
    // Alive: the page still navigates and renders.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Models" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  });
}
