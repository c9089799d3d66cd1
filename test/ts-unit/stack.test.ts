// The whole local stack from scratch, as `npm start` runs it: chain node, content node, deployment and seed.
// It checks the seeded state on chain with viem, and that every seeded directory is served and verifies against the
// digest the chain records.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { freePort } from "../../scripts/lib/ports.ts";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { createPublicClient, formatEther, hexToString, http, type Hex } from "viem";
import { hardhat } from "viem/chains";
import { abis } from "../../web/src/contracts/abis.ts";
import { fetchVerified } from "../../scripts/ipfs/client.ts";
import type { Deployment } from "../../scripts/lib/deployments.ts";
import { manifestDigest } from "../../scripts/lib/manifest.ts";
import { publishDataset } from "../../scripts/publish-dataset.ts";
import { publishModel } from "../../scripts/publish-model.ts";
import { nameId, ROLES, TEST_MNEMONIC } from "../../scripts/seed.ts";
import { cpSync, rmSync as removeFile, writeFileSync } from "node:fs";
import { mnemonicToAccount } from "viem/accounts";

const root = path.resolve(import.meta.dirname, "..", "..");

describe("npm start: the local stack from scratch", { timeout: 300_000 }, () => {
  const scratch = mkdtempSync(path.join(tmpdir(), "modeldao-stack-"));
  const deploymentId = `stack-test-${process.pid}`;
  let stack: ReturnType<typeof spawn>;
  let output = "";
  let deployment: Deployment;
  let client: ReturnType<typeof createPublicClient>;

  before(async () => {
    const [rpcPort, contentPort] = [await freePort(), await freePort()];
    stack = spawn(process.execPath, [path.join(root, "scripts", "start.ts")], {
      cwd: root,
      env: {
        ...process.env,
        RPC_PORT: String(rpcPort),
        CONTENT_PORT: String(contentPort),
        CONTENT_DATA_DIR: path.join(scratch, "ipfs"),
        DEPLOYMENTS_DIR: scratch,
        IGNITION_DEPLOYMENT_ID: deploymentId,
        WEB_PORT: String(await freePort()),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    stack.stdout!.on("data", (d) => (output += d));
    stack.stderr!.on("data", (d) => (output += d));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not ready within 240 s:\n${output}`)), 240_000);
      stack.stdout!.on("data", () => {
        if (/^ModelDAO ready: /m.test(output)) {
          clearTimeout(timer);
          resolve();
        }
      });
      stack.on("close", (code) => {
        clearTimeout(timer);
        reject(new Error(`npm start exited early (${code}):\n${output}`));
      });
    });
    deployment = JSON.parse(readFileSync(path.join(scratch, "31337.json"), "utf8"));
    client = createPublicClient({ chain: hardhat, transport: http(deployment.rpcUrl) });
  });

  after(() => {
    stack?.kill("SIGTERM");
    rmSync(scratch, { recursive: true, force: true });
    rmSync(path.join(root, "ignition", "deployments", deploymentId), { recursive: true, force: true });
  });

  it("prints the ready line with the RPC and gateway URLs, on 127.0.0.1 only", () => {
    const line = output.split("\n").find((l) => l.startsWith("ModelDAO ready: "))!;
    assert.match(
      line,
      /web=http:\/\/127\.0\.0\.1:\d+\/ rpc=http:\/\/127\.0\.0\.1:\d+ gateway=http:\/\/127\.0\.0\.1:\d+/,
    );
    assert.equal(deployment.chainId, 31337);
    assert.ok(deployment.gatewayUrl?.startsWith("http://127.0.0.1:"));
  });

  it("serves the dApp page, built against this deployment", async () => {
    const webUrl = /web=(\S+)/.exec(output)![1];
    const page = await fetch(webUrl, { signal: AbortSignal.timeout(10_000) });
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<title>ModelDAO<\/title>/);
    // In dev, Vite injects `define` values as globals from its env module: the deployment must be this stack's.
    const env = await fetch(new URL("@vite/env", webUrl), { signal: AbortSignal.timeout(30_000) });
    assert.equal(env.status, 200);
    assert.match(await env.text(), new RegExp(deployment.contracts.modelRegistry, "i"));
  });

  it("has proposals in every state: Executed, Defeated, Canceled and two Active upgrades", async () => {
    const created = await client.getContractEvents({
      address: deployment.contracts.governor,
      abi: abis.governor,
      eventName: "ProposalCreated",
      fromBlock: BigInt(deployment.startBlock),
    });
    const states = await Promise.all(
      created.map((e) =>
        client.readContract({
          address: deployment.contracts.governor,
          abi: abis.governor,
          functionName: "state",
          args: [e.args.proposalId!],
        }),
      ),
    );
    const byTitle = Object.fromEntries(created.map((e, i) => [e.args.description!.split("\n")[0], states[i]]));
    assert.deepEqual(byTitle, {
      "# Whitelist MNIST digits and Palmer penguins": 7,
      "# Launch: activate digits-mlp v1 and penguins-mlp v1, pay the data curator": 7,
      "# Fund a 50 ETH fine-tuning bounty": 3,
      "# Provide liquidity": 2,
      "# Upgrade digits to digits-cnn v2": 1,
      "# Upgrade digits to v3: 99% accuracy": 1,
    });
  });

  it("registers the models: digits v1 active with v2 and v3 candidates, penguins v1 active", async () => {
    const read = (modelId: Hex) =>
      client.readContract({
        address: deployment.contracts.modelRegistry,
        abi: abis.modelRegistry,
        functionName: "getModel",
        args: [modelId],
      });
    assert.deepEqual(await read(nameId("digits")), { versionCount: 3, activeVersion: 1 });
    assert.deepEqual(await read(nameId("penguins")), { versionCount: 1, activeVersion: 1 });
    const inflated = await client.readContract({
      address: deployment.contracts.modelRegistry,
      abi: abis.modelRegistry,
      functionName: "getVersion",
      args: [nameId("digits"), 3],
    });
    assert.equal(inflated.claimedAccuracyBps, 9900);
    assert.equal(hexToString(inflated.evaluationDataset, { size: 32 }), "mnist-eval");
  });

  it("whitelists four datasets and funds the treasury, minus the executed payout", async () => {
    const approved = await client.readContract({
      address: deployment.contracts.datasetRegistry,
      abi: abis.datasetRegistry,
      functionName: "approvedCount",
    });
    assert.equal(approved, 4n);
    const eth = await client.getBalance({ address: deployment.contracts.treasury });
    assert.equal(formatEther(eth), "98");
    const grants = await client.readContract({
      address: deployment.contracts.treasury,
      abi: abis.treasury,
      functionName: "grantCount",
    });
    assert.equal(grants, 1n);
  });

  it("serves every seeded directory, and its manifest verifies against the on-chain digest", async () => {
    const submitted = await client.getContractEvents({
      address: deployment.contracts.modelRegistry,
      abi: abis.modelRegistry,
      eventName: "ModelVersionSubmitted",
      fromBlock: BigInt(deployment.startBlock),
    });
    const approvedSets = await client.getContractEvents({
      address: deployment.contracts.datasetRegistry,
      abi: abis.datasetRegistry,
      eventName: "DatasetApproved",
      fromBlock: BigInt(deployment.startBlock),
    });
    const content = [
      ...submitted.map((e) => ({ cid: e.args.input!.cid, digest: e.args.input!.manifestDigest })),
      ...approvedSets.map((e) => ({ cid: e.args.dataset!.cid, digest: e.args.dataset!.manifestDigest })),
    ];
    assert.equal(content.length, 8);
    for (const { cid, digest } of content) {
      const bytes = await fetchVerified(deployment.gatewayUrl!, cid, "manifest.json", {
        signal: AbortSignal.timeout(10_000),
      });
      assert.equal(await manifestDigest(bytes), digest, `manifest of ${cid}`);
    }
  });

  describe("model:publish against the running stack", () => {
    const maintainer = mnemonicToAccount(TEST_MNEMONIC, { addressIndex: ROLES.maintainer }).address;
    const nonce = () => client.getTransactionCount({ address: maintainer });
    function copyModel(name: string) {
      const dir = path.join(scratch, `${name}-${Math.random().toString(36).slice(2)}`);
      cpSync(path.join(root, "ml", "models", name), dir, { recursive: true });
      return dir;
    }
    const publish = (dir: string, overrides: Partial<Parameters<typeof publishModel>[0]> = {}) =>
      publishModel({ dir, model: "digits", train: ["mnist-train"], eval: "mnist-eval", deployment, ...overrides });

    it("uploads, submits and proposes: the new version's digest matches and its proposal is Pending", async () => {
      const result = await publish(copyModel("digits-cnn"), { propose: "Re-publish digits-cnn" });
      assert.equal(result.version, 4);
      const version = await client.readContract({
        address: deployment.contracts.modelRegistry,
        abi: abis.modelRegistry,
        functionName: "getVersion",
        args: [nameId("digits"), 4],
      });
      const manifest = await fetchVerified(deployment.gatewayUrl!, result.cid, "manifest.json", {
        signal: AbortSignal.timeout(10_000),
      });
      assert.equal(await manifestDigest(manifest), version.manifestDigest);
      assert.equal(version.parentVersion, 1, "the parent defaults to the active version");
      const state = await client.readContract({
        address: deployment.contracts.governor,
        abi: abis.governor,
        functionName: "state",
        args: [result.proposalId!],
      });
      assert.equal(state, 0);
    });

    it("refuses a dataset that is not whitelisted before sending anything", async () => {
      const before = await nonce();
      await assert.rejects(
        publish(copyModel("digits-mlp"), { train: ["emnist"] }),
        /dataset "emnist" is not on the whitelist/,
      );
      assert.equal(await nonce(), before);
    });

    it("refuses a directory whose weight file is missing, naming it", async () => {
      const dir = copyModel("digits-mlp");
      removeFile(path.join(dir, "group1-shard1of1.bin"));
      const before = await nonce();
      await assert.rejects(publish(dir), /weight file group1-shard1of1\.bin, which is missing/);
      assert.equal(await nonce(), before);
    });

    it("refuses a model.json that does not parse", async () => {
      const dir = copyModel("digits-mlp");
      writeFileSync(path.join(dir, "model.json"), '{"modelTopology": ');
      await assert.rejects(publish(dir), /model\.json does not parse as JSON/);
    });
  });

  it("chain:advance moves the local clock forward by the duration given", async () => {
    const before = (await client.getBlock()).timestamp;
    const child = spawn(process.execPath, [path.join(root, "scripts", "advance-time.ts"), "1d", "2h"], {
      cwd: root,
      env: { ...process.env, DEPLOYMENTS_DIR: scratch },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let text = "";
    child.stdout!.on("data", (d) => (text += d));
    child.stderr!.on("data", (d) => (text += d));
    const code = await new Promise((resolve) => child.on("close", resolve));
    assert.equal(code, 0, text);
    const after = (await client.getBlock()).timestamp;
    assert.ok(after - before >= 93_600n, `advanced only ${after - before} s`);
  });

  describe("dataset:publish against the running stack", () => {
    const maintainer = mnemonicToAccount(TEST_MNEMONIC, { addressIndex: ROLES.maintainer }).address;
    const nonce = () => client.getTransactionCount({ address: maintainer });
    function copyDataset(name: string) {
      const dir = path.join(scratch, `${name}-${Math.random().toString(36).slice(2)}`);
      cpSync(path.join(root, "ml", "datasets", name), dir, { recursive: true });
      return dir;
    }

    it("uploads a dataset and opens the proposal that whitelists it with its provenance", async () => {
      const result = await publishDataset({ dir: copyDataset("penguins-eval"), id: "penguins-eval-2", deployment });
      const created = await client.getContractEvents({
        address: deployment.contracts.governor,
        abi: abis.governor,
        eventName: "ProposalCreated",
        fromBlock: BigInt(deployment.startBlock),
      });
      const proposal = created.find((e) => e.args.proposalId === result.proposalId)!;
      assert.match(proposal.args.description!, /^# Whitelist dataset penguins-eval-2\n/);
      assert.match(proposal.args.description!, /License: CC0-1\.0/);
      const manifest = await fetchVerified(deployment.gatewayUrl!, result.cid, "manifest.json", {
        signal: AbortSignal.timeout(10_000),
      });
      assert.equal(await manifestDigest(manifest), result.manifestDigest);
    });

    it("refuses an id that is already on the whitelist before sending anything", async () => {
      const before = await nonce();
      await assert.rejects(
        publishDataset({ dir: copyDataset("mnist-eval"), id: "mnist-eval", deployment }),
        /"mnist-eval" is already approved; ids are never reused/,
      );
      assert.equal(await nonce(), before);
    });

    it("refuses a card without a license", async () => {
      const dir = copyDataset("penguins-eval");
      const card = JSON.parse(readFileSync(path.join(dir, "card.json"), "utf8"));
      delete card.license;
      writeFileSync(path.join(dir, "card.json"), JSON.stringify(card));
      await assert.rejects(publishDataset({ dir, id: "penguins-x", deployment }), /must name the dataset's license/);
    });
  });
});

describe("npm start with a port already in use", () => {
  it("refuses a port you named that is taken, with a clear message and without hanging", async () => {
    const busy = createServer().listen(0, "127.0.0.1");
    await new Promise((resolve) => busy.once("listening", resolve));
    const { port } = busy.address() as { port: number };
    try {
      const child = spawn(process.execPath, [path.join(root, "scripts", "start.ts")], {
        cwd: root,
        env: { ...process.env, RPC_PORT: String(port) },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      child.stdout!.on("data", (d) => (output += d));
      child.stderr!.on("data", (d) => (output += d));
      const code = await new Promise<number | null>((resolve, reject) => {
        const timer = setTimeout(() => {
          child.kill("SIGKILL");
          reject(new Error(`npm start did not give up within 20 s:\n${output}`));
        }, 20_000);
        child.on("close", (exitCode) => {
          clearTimeout(timer);
          resolve(exitCode);
        });
      });
      assert.equal(code, 1);
      assert.match(output, new RegExp(`RPC_PORT=${port}: port ${port} on 127\\.0\\.0\\.1 is already in use`));
    } finally {
      busy.close();
    }
  });
});
