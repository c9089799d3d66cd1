// `npm run subgraph:prepare -- --network <hardhat|sepolia|mainnet>`: writes subgraph/subgraph.yaml and subgraph/abis/
// from deployments/<chainId>.json (addresses, start block) and the compiled artifacts (ABIs, event signatures).
// Nothing in the manifest is typed by hand: the data sources and handlers are listed below, every event signature is
// computed from the ABI. For `hardhat` without deployments/31337.json (a clean clone, CI), the deployment recorded in
// test/subgraph/fixtures/seeded-logs.json is used: a fresh local chain always gets the same addresses (Ignition
// deploys from the test mnemonic's account 0 starting at nonce 0), so it is what `npm start` deploys to.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { CONTRACT_NAMES, deploymentPath, type ContractName, type Deployment } from "../lib/deployments.ts";
import { ARTIFACTS } from "../generate-contracts.ts";

const root = path.resolve(import.meta.dirname, "..", "..");
const SUBGRAPH = path.join(root, "subgraph");
export const FIXTURE = path.join(root, "test", "subgraph", "fixtures", "seeded-logs.json");

/** The Graph's network names by chain id. */
export const NETWORKS: Record<string, number> = { hardhat: 31337, sepolia: 11155111, mainnet: 1 };

/** Data source name, contract, mapping file and the events it handles (handler = `handle<Event>`). */
export const DATA_SOURCES: { name: string; contract: ContractName; file: string; events: string[] }[] = [
  {
    name: "GovernanceToken",
    contract: "token",
    file: "token.ts",
    events: ["Transfer", "DelegateChanged", "DelegateVotesChanged"],
  },
  {
    name: "ModelGovernor",
    contract: "governor",
    file: "governor.ts",
    events: [
      "ProposalCreated",
      "ProposalQueued",
      "ProposalExecuted",
      "ProposalCanceled",
      "ProposalExtended",
      "VoteCast",
      "VoteCastWithParams",
      "QuorumNumeratorUpdated",
      "VotingDelaySet",
      "VotingPeriodSet",
      "ProposalThresholdSet",
      "LateQuorumVoteExtensionSet",
      "ProposalGuardianSet",
      "TimelockChange",
    ],
  },
  {
    name: "TimelockController",
    contract: "timelock",
    file: "timelock.ts",
    events: ["CallScheduled", "CallExecuted", "Cancelled"],
  },
  {
    name: "Treasury",
    contract: "treasury",
    file: "treasury.ts",
    events: ["Deposited", "PaidOut", "GrantCreated", "GrantReleased", "GrantCanceled"],
  },
  {
    name: "KillSwitch",
    contract: "killSwitch",
    file: "kill-switch.ts",
    events: ["AllPaused", "AllUnpaused", "ModelPaused", "ModelUnpaused", "GuardianChanged"],
  },
  {
    name: "DatasetRegistry",
    contract: "datasetRegistry",
    file: "dataset-registry.ts",
    events: ["DatasetApproved", "DatasetRevoked"],
  },
  {
    name: "ModelRegistry",
    contract: "modelRegistry",
    file: "model-registry.ts",
    events: [
      "ModelCreated",
      "ModelVersionSubmitted",
      "ModelVersionActivated",
      "ModelRolledBack",
      "ModelVersionRetired",
      "ModelVersionRevoked",
    ],
  },
];

type AbiParam = { type: string; indexed?: boolean; components?: AbiParam[] };
type AbiItem = { type: string; name?: string; inputs?: AbiParam[] };

function canonicalType(p: AbiParam): string {
  if (p.type.startsWith("tuple")) return `(${p.components!.map(canonicalType).join(",")})${p.type.slice(5)}`;
  return p.type;
}

/** graph-node's event signature: canonical types, `indexed ` before indexed parameters. */
export function eventSignature(event: AbiItem) {
  const params = event.inputs!.map((p) => `${p.indexed ? "indexed " : ""}${canonicalType(p)}`);
  return `${event.name}(${params.join(",")})`;
}

export function readAbi(contract: ContractName): AbiItem[] {
  const file = path.join(root, "artifacts", ARTIFACTS[contract]);
  if (!existsSync(file)) throw new Error(`${path.relative(root, file)} is missing: run \`npx hardhat build\` first.`);
  return JSON.parse(readFileSync(file, "utf8")).abi;
}

/** The deployment for `network`, and where it came from. */
export function resolveDeployment(network: string): {
  deployment: Pick<Deployment, "startBlock" | "contracts">;
  from: string;
} {
  const chainId = NETWORKS[network];
  if (chainId === undefined) {
    throw new Error(`unknown network "${network}": use one of ${Object.keys(NETWORKS).join(", ")}`);
  }
  const file = deploymentPath(chainId);
  if (existsSync(file)) return { deployment: JSON.parse(readFileSync(file, "utf8")), from: path.relative(root, file) };
  if (network === "hardhat") {
    const recorded = JSON.parse(readFileSync(FIXTURE, "utf8")).deployment;
    return { deployment: recorded, from: `${path.relative(root, FIXTURE)} (no ${path.relative(root, file)})` };
  }
  throw new Error(
    `${path.relative(root, file)} is missing: deploy to ${network} first (npm run deploy -- --network ${network}).`,
  );
}

export function renderManifest(network: string, deployment: Pick<Deployment, "startBlock" | "contracts">) {
  const lines = [
    "# Generated by scripts/subgraph/prepare.ts (npm run subgraph:prepare). Do not edit.",
    "specVersion: 1.3.0",
    "indexerHints:",
    "  prune: auto",
    "schema:",
    "  file: ./schema.graphql",
    "dataSources:",
  ];
  for (const source of DATA_SOURCES) {
    const abi = readAbi(source.contract);
    const address = deployment.contracts[source.contract];
    if (!/^0x[0-9a-fA-F]{40}$/.test(address ?? "")) throw new Error(`no address for ${source.contract}`);
    lines.push(
      "  - kind: ethereum/contract",
      `    name: ${source.name}`,
      `    network: ${network}`,
      "    source:",
      `      address: "${address}"`,
      `      abi: ${source.name}`,
      `      startBlock: ${deployment.startBlock}`,
      "    mapping:",
      "      kind: ethereum/events",
      "      apiVersion: 0.0.9",
      "      language: wasm/assemblyscript",
      "      entities:",
      "        - Governance",
      "      abis:",
      `        - name: ${source.name}`,
      `          file: ./abis/${source.name}.json`,
      "      eventHandlers:",
    );
    for (const name of source.events) {
      const event = abi.find((item) => item.type === "event" && item.name === name);
      if (!event) throw new Error(`${source.name} has no event ${name} in its ABI`);
      lines.push(`        - event: ${eventSignature(event)}`, `          handler: handle${name}`);
    }
    lines.push(`      file: ./src/${source.file}`);
  }
  return `${lines.join("\n")}\n`;
}

export function prepare(network: string) {
  const { deployment, from } = resolveDeployment(network);
  mkdirSync(path.join(SUBGRAPH, "abis"), { recursive: true });
  for (const source of DATA_SOURCES) {
    writeFileSync(
      path.join(SUBGRAPH, "abis", `${source.name}.json`),
      `${JSON.stringify(readAbi(source.contract), null, 2)}\n`,
    );
  }
  writeFileSync(path.join(SUBGRAPH, "subgraph.yaml"), renderManifest(network, deployment));
  return { from, startBlock: deployment.startBlock, contracts: CONTRACT_NAMES.length };
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { network: { type: "string", default: "hardhat" } } });
  try {
    const result = prepare(values.network!);
    console.log(
      `wrote subgraph/subgraph.yaml and subgraph/abis/ for ${values.network} from ${result.from} (start block ${result.startBlock})`,
    );
  } catch (error) {
    console.error(`subgraph:prepare failed: ${(error as Error).message}`);
    process.exit(1);
  }
}
