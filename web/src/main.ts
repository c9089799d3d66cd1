// Placeholder page until the dApp issue: proves the build reads the chain through the generated ABIs and the
// deployment file. It lists each model's active version and pause state and the proposals with their state.
import { createPublicClient, hexToString, http } from "viem";
import { abis } from "./contracts/abis.ts";

type Deployment = {
  chainId: number;
  rpcUrl: string;
  startBlock: number;
  contracts: Record<"governor" | "modelRegistry" | "killSwitch", `0x${string}`>;
};
declare const __MODELDAO_DEPLOYMENT__: Deployment | null;

const STATES = ["Pending", "Active", "Canceled", "Defeated", "Succeeded", "Queued", "Expired", "Executed"];

function show(id: string, lines: string[]) {
  const element = document.getElementById(id)!;
  element.replaceChildren(
    ...lines.map((line) => {
      const p = document.createElement("p");
      p.textContent = line;
      return p;
    }),
  );
}

async function render(deployment: Deployment) {
  const client = createPublicClient({ transport: http(deployment.rpcUrl) });
  const { modelRegistry, killSwitch, governor } = deployment.contracts;
  const ids = await client.readContract({ address: modelRegistry, abi: abis.modelRegistry, functionName: "modelIds" });
  const models = await Promise.all(
    ids.map(async (id) => {
      const [model, paused] = await Promise.all([
        client.readContract({ address: modelRegistry, abi: abis.modelRegistry, functionName: "getModel", args: [id] }),
        client.readContract({ address: killSwitch, abi: abis.killSwitch, functionName: "isPaused", args: [id] }),
      ]);
      const name = hexToString(id, { size: 32 });
      const active = model.activeVersion ? `v${model.activeVersion} active` : "no active version";
      return `${name}: ${active} of ${model.versionCount}${paused ? " — PAUSED" : ""}`;
    }),
  );
  show("models", models);
  const created = await client.getContractEvents({
    address: governor,
    abi: abis.governor,
    eventName: "ProposalCreated",
    fromBlock: BigInt(deployment.startBlock),
  });
  // A shared link (`#/proposals/<id>`, what the maintainer tools print) shows that proposal first.
  const linked = /^#\/proposals\/(\d+)$/.exec(location.hash)?.[1];
  const ordered = linked
    ? [...created].sort(
        (a, b) => Number(b.args.proposalId === BigInt(linked)) - Number(a.args.proposalId === BigInt(linked)),
      )
    : created;
  const proposals = await Promise.all(
    ordered.map(async (event) => {
      const state = await client.readContract({
        address: governor,
        abi: abis.governor,
        functionName: "state",
        args: [event.args.proposalId!],
      });
      return `${STATES[state]}: ${event.args.description!.split("\n")[0].replace(/^#\s*/, "")}`;
    }),
  );
  show("proposals", proposals);
  show("status", [`Chain ${deployment.chainId} at ${deployment.rpcUrl}`]);
}

if (!__MODELDAO_DEPLOYMENT__) {
  show("status", ["No deployment: run `npm start` (or set MODELDAO_CHAIN_ID to a deployed chain) and reload."]);
} else {
  render(__MODELDAO_DEPLOYMENT__).catch((error: Error) =>
    show("status", [`The chain node does not answer: ${error.message.split("\n")[0]}`]),
  );
}
