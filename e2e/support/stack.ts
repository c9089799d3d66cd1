// The real local stack for the journeys: `scripts/start.ts` (chain node, content node, Ignition deploy, seed, Vite)
// on free ports with its own deployments dir, started once per run by globalSetup. Each test then works on a chain
// snapshot (evm_snapshot / evm_revert in fixtures.ts), so journeys do not see each other's votes or time travel.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "../../scripts/lib/ports.ts";
import type { Deployment } from "../../scripts/lib/deployment-schema.ts";

export const root = path.resolve(import.meta.dirname, "..", "..");
/** Where the running stack is described for the tests; E2E_OUTPUT_DIR lets two runs share one checkout. */
export const OUTPUT_DIR = process.env.E2E_OUTPUT_DIR ?? path.join(root, "test-results");
export const STACK_FILE = path.join(OUTPUT_DIR, "e2e-stack.json");

export type StackInfo = {
  webUrl: string;
  rpcUrl: string;
  gatewayUrl: string;
  deployment: Deployment;
  pid: number;
  scratch: string;
  deploymentId: string;
};

export async function startStack(): Promise<StackInfo> {
  const scratch = mkdtempSync(path.join(tmpdir(), "modeldao-e2e-"));
  const deploymentId = `stack-test-e2e-${process.pid}`;
  const child: ChildProcess = spawn(process.execPath, [path.join(root, "scripts", "start.ts")], {
    cwd: root,
    detached: true,
    env: {
      ...process.env,
      RPC_PORT: String(await freePort()),
      CONTENT_PORT: String(await freePort()),
      WEB_PORT: String(await freePort()),
      CONTENT_DATA_DIR: path.join(scratch, "ipfs"),
      DEPLOYMENTS_DIR: scratch,
      IGNITION_DEPLOYMENT_ID: deploymentId,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const line = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the stack was not ready within 240 s:\n${output}`)), 240_000);
    child.stdout!.on("data", () => {
      const ready = output.split("\n").find((candidate) => candidate.startsWith("ModelDAO ready: "));
      if (ready) {
        clearTimeout(timer);
        resolve(ready);
      }
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      reject(new Error(`the stack exited early (${code}):\n${output}`));
    });
  });
  child.stdout!.removeAllListeners("data");
  child.stderr!.removeAllListeners("data");
  child.stdout!.resume();
  child.stderr!.resume();
  const field = (name: string) => new RegExp(`${name}=(\\S+)`).exec(line)![1];
  const info: StackInfo = {
    webUrl: field("web").replace(/\/$/, ""),
    rpcUrl: field("rpc"),
    gatewayUrl: field("gateway"),
    deployment: JSON.parse(readFileSync(path.join(scratch, "31337.json"), "utf8")),
    pid: child.pid!,
    scratch,
    deploymentId,
  };
  child.unref();
  return info;
}

export function stopStack(info: StackInfo) {
  try {
    process.kill(-info.pid, "SIGTERM");
  } catch {
    // Already gone.
  }
  rmSync(info.scratch, { recursive: true, force: true });
  rmSync(path.join(root, "ignition", "deployments", info.deploymentId), { recursive: true, force: true });
}

export function saveStack(info: StackInfo) {
  writeFileSync(STACK_FILE, JSON.stringify(info, null, 2));
}

export function loadStack(): StackInfo {
  return JSON.parse(readFileSync(STACK_FILE, "utf8")) as StackInfo;
}
