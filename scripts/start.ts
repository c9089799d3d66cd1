// `npm start`: the local stack on 127.0.0.1 — a Hardhat JSON-RPC node, the offline content node (IPFS gateway +
// upload), the DAO deployed by the real Ignition module with ignition/parameters/localhost.json, the seed
// (scripts/seed.ts) and the dApp's Vite dev server; writes deployments/<chainId>.json. Ctrl-C stops everything.
// Environment: RPC_PORT (default 8545), CONTENT_PORT (default 8080), WEB_PORT (default 5173): if a default is taken, a free port is used
// instead; a port you name that is taken is refused. SEED=0 skips the seed. Tests isolate a stack with
// CONTENT_DATA_DIR, DEPLOYMENTS_DIR and IGNITION_DEPLOYMENT_ID.
import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { createPublicClient, http } from "viem";
import { createServer as createViteServer, type ViteDevServer } from "vite";
import { mnemonicToAccount } from "viem/accounts";
import { DEFAULT_DATA_DIR, startContentNode, type ContentNode } from "./ipfs/content-node.ts";
import { freePort, portFree } from "./lib/ports.ts";
import { ignitionDeploymentId, readIgnitionAddresses, writeDeployment } from "./lib/deployments.ts";
import { seed } from "./seed.ts";

const root = path.resolve(import.meta.dirname, "..");
// Run Hardhat's CLI with this very Node (no npx wrapper in between), so a signal to us reaches the real process.
const HARDHAT_CLI = path.join(root, "node_modules", "hardhat", "dist", "src", "cli.js");
const HOST = "127.0.0.1";
const CHAIN_ID = 31337;
const TEST_MNEMONIC = "test test test test test test test test test test test junk";
const children: ChildProcess[] = [];
let contentNode: ContentNode | undefined;
let web: ViteDevServer | undefined;
const started = performance.now();

async function choosePort(envName: string, fallback: number) {
  const requested = process.env[envName];
  if (requested) {
    const port = Number(requested);
    if (!(await portFree(port))) {
      throw new Error(
        `${envName}=${port}: port ${port} on ${HOST} is already in use. Stop what uses it or pick another.`,
      );
    }
    return port;
  }
  if (await portFree(fallback)) return fallback;
  const port = await freePort();
  console.log(`port ${fallback} is in use; using ${port} instead (set ${envName} to choose)`);
  return port;
}

function hardhat(args: string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, [HARDHAT_CLI, ...args], {
    cwd: root,
    env: { ...process.env, HARDHAT_DISABLE_TELEMETRY: "true", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  return child;
}

function finished(child: ChildProcess, label: string) {
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  return new Promise<string>((resolve, reject) =>
    child.on("close", (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${label} failed (exit ${code}):\n${output.slice(-4000)}`)),
    ),
  );
}

async function waitForRpc(url: string, node: ChildProcess, timeoutMs = 60_000) {
  const client = createPublicClient({ transport: http(url, { retryCount: 0, timeout: 2_000 }) });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (node.exitCode !== null) throw new Error(`the chain node exited early (code ${node.exitCode})`);
    try {
      return await client.getChainId();
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`the chain node did not answer on ${url} within ${timeoutMs / 1000} s`);
}

function stopAll() {
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  void contentNode?.stop();
  void web?.close();
}

async function main() {
  const rpcPort = await choosePort("RPC_PORT", 8545);
  const rpcUrl = `http://${HOST}:${rpcPort}`;
  const contentPort = await choosePort("CONTENT_PORT", 8080);
  const webPort = await choosePort("WEB_PORT", 5173);
  const dataDir = process.env.CONTENT_DATA_DIR ?? path.join(root, DEFAULT_DATA_DIR);
  contentNode = await startContentNode({ dataDir, port: contentPort, host: HOST });

  const node = hardhat(["node", "--hostname", HOST, "--port", String(rpcPort)]);
  let nodeLog = "";
  node.stdout?.on("data", (d) => (nodeLog = (nodeLog + d).slice(-8000)));
  node.stderr?.on("data", (d) => (nodeLog = (nodeLog + d).slice(-8000)));
  const chainId = await waitForRpc(rpcUrl, node).catch((error) => {
    throw new Error(`${error.message}\n${nodeLog}`);
  });
  if (chainId !== CHAIN_ID) throw new Error(`expected the local chain id ${CHAIN_ID}, the node reports ${chainId}`);

  // A fresh chain: Ignition's journal of an earlier run would not match it.
  const deploymentId = ignitionDeploymentId(chainId);
  rmSync(path.join(root, "ignition", "deployments", deploymentId), { recursive: true, force: true });
  const client = createPublicClient({ transport: http(rpcUrl) });
  const startBlock = Number(await client.getBlockNumber()) + 1;
  await finished(
    hardhat(
      [
        "ignition",
        "deploy",
        "ignition/modules/ModelDAO.ts",
        "--network",
        "localhost",
        "--parameters",
        "ignition/parameters/localhost.json",
        "--deployment-id",
        deploymentId,
        // The local chain reuses what `hardhat build` compiled; the production profile would compile again.
        "--build-profile",
        "default",
      ],
      { RPC_URL: rpcUrl, CI: "true" },
    ),
    "deployment",
  );
  const deployment = {
    chainId,
    rpcUrl,
    startBlock,
    contracts: readIgnitionAddresses(chainId),
    gatewayUrl: contentNode.url,
  };
  const file = writeDeployment(deployment);
  if (process.env.SEED !== "0") {
    await seed({ deployment, contentUrl: contentNode.url, log: (line) => console.log(`seed: ${line}`) });
  }

  // The dApp's dev server starts last: its config reads the deployment file just written.
  web = await createViteServer({
    configFile: path.join(root, "vite.config.ts"),
    server: { port: webPort, host: HOST, strictPort: true },
    logLevel: "warn",
  });
  await web.listen();
  const webUrl = `http://${HOST}:${webPort}/`;

  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `ModelDAO ready: web=${webUrl} rpc=${rpcUrl} gateway=${contentNode.url} deployment=${path.relative(root, file)} (${seconds} s)`,
  );
  const roles = [
    "deployer",
    "guardian",
    "maintainer",
    ...Array.from({ length: 10 }, (_, i) => `holder ${i + 1}`),
    "contributor",
  ];
  console.log(`Accounts (local test mnemonic "${TEST_MNEMONIC}"):`);
  roles.forEach((role, index) => {
    const account = mnemonicToAccount(TEST_MNEMONIC, { addressIndex: index });
    const key = Buffer.from(account.getHdKey().privateKey!).toString("hex");
    console.log(`  ${role.padEnd(10)} ${account.address} 0x${key}`);
  });
  console.log("Press Ctrl-C to stop.");
  node.on("close", (code) => {
    console.error(`the chain node stopped (code ${code})`);
    stopAll();
    process.exit(code ?? 1);
  });
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    stopAll();
    process.exit(0);
  });
}

main().catch((error) => {
  console.error(`npm start failed: ${error.message}`);
  stopAll();
  process.exit(1);
});
