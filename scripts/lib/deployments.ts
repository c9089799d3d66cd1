// The one file web, scripts, subgraph and tests read to find a deployment: deployments/<chainId>.json.
// Addresses come from Ignition's own record of what it deployed; nothing here is typed by hand.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import { CONTRACT_NAMES, type ContractName, type Deployment } from "./deployment-schema.ts";

export { CONTRACT_NAMES, type ContractName, type Deployment };

const root = path.resolve(import.meta.dirname, "..", "..");

/** DEPLOYMENTS_DIR lets a test run its own stack without touching the developer's deployments/. */
export function deploymentPath(chainId: number) {
  return path.join(process.env.DEPLOYMENTS_DIR ?? path.join(root, "deployments"), `${chainId}.json`);
}

/** Maps Ignition's `ModelDAO#GovernanceToken`-style keys to the module's result names. */
const FUTURE_IDS: Record<ContractName, string> = {
  token: "ModelDAO#GovernanceToken",
  timelock: "ModelDAO#TimelockController",
  governor: "ModelDAO#ModelGovernor",
  treasury: "ModelDAO#Treasury",
  killSwitch: "ModelDAO#KillSwitch",
  datasetRegistry: "ModelDAO#DatasetRegistry",
  modelRegistry: "ModelDAO#ModelRegistry",
};

export function ignitionDeploymentId(chainId: number) {
  return process.env.IGNITION_DEPLOYMENT_ID ?? `chain-${chainId}`;
}

export function readIgnitionAddresses(chainId: number): Record<ContractName, `0x${string}`> {
  const id = ignitionDeploymentId(chainId);
  const file = path.join(root, "ignition", "deployments", id, "deployed_addresses.json");
  const deployed = JSON.parse(readFileSync(file, "utf8")) as Record<string, `0x${string}`>;
  const contracts = {} as Record<ContractName, `0x${string}`>;
  for (const name of CONTRACT_NAMES) {
    const address = deployed[FUTURE_IDS[name]];
    if (!address) throw new Error(`Ignition deployment for chain ${chainId} has no ${FUTURE_IDS[name]} (${file})`);
    contracts[name] = address;
  }
  return contracts;
}

export function writeDeployment(deployment: Deployment) {
  const file = deploymentPath(deployment.chainId);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(deployment, null, 2)}\n`);
  return file;
}

export function readDeployment(chainId: number): Deployment {
  const file = deploymentPath(chainId);
  try {
    return JSON.parse(readFileSync(file, "utf8")) as Deployment;
  } catch (error) {
    throw new Error(`No deployment for chain ${chainId}: ${file} is missing or unreadable. Run \`npm start\` first.`, {
      cause: error,
    });
  }
}
