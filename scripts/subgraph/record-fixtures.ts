// Records the events of a real local run for the subgraph's mapping tests: starts the seeded stack exactly as
// `npm start` does (scripts/start.ts, on free ports, with its own deployments/ignition/content directories), then adds
// what the seed does not cover (votes carrying evaluation receipts, one malformed, one with params; a guardian pause;
// a queued and executed upgrade; a grant release; a re-delegation; a late quorum that extends a deadline), reads every
// log of the deployed contracts from startBlock to head in bounded block ranges, with their blocks' timestamps and
// their transactions' senders, and reads what the chain says at head (proposal states, tallies, quorums, models,
// votes) so that the tests can compare the subgraph's entities with the chain's own answers.
// Writes test/subgraph/fixtures/seeded-logs.json. Usage: node scripts/subgraph/record-fixtures.ts
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  encodeFunctionData,
  http,
  keccak256,
  toHex,
  type Address,
  type Hex,
} from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import { abis } from "../../web/src/contracts/abis.ts";
import { CONTRACT_NAMES, type Deployment } from "../lib/deployments.ts";
import { freePort } from "../lib/ports.ts";
import { TEST_MNEMONIC } from "../lib/publishing.ts";

const root = path.resolve(import.meta.dirname, "..", "..");
export const FIXTURE = path.join(root, "test", "subgraph", "fixtures", "seeded-logs.json");
const ROLES = { deployer: 0, guardian: 1, maintainer: 2, firstHolder: 3, contributor: 13 } as const;
const holder = (n: number) => ROLES.firstHolder + n - 1;
const BLOCK_RANGE = 500n;

/** The receipt line an in-browser evaluation appends to a vote reason (format v1). */
export function receiptLine(fields: Record<string, unknown>) {
  return `modeldao-eval:v1 ${JSON.stringify(fields)}`;
}

/**
 * Starts the seeded local stack as `npm start` does, on free ports, with its deployments / content data under
 * `scratch` and its own Ignition deployment id. `stop()` ends it and removes the Ignition journal (not `scratch`).
 */
export async function startStack(scratch: string) {
  const deploymentId = `fixtures-${process.pid}`;
  const env = {
    ...process.env,
    RPC_PORT: String(await freePort()),
    CONTENT_PORT: String(await freePort()),
    WEB_PORT: String(await freePort()),
    CONTENT_DATA_DIR: path.join(scratch, "ipfs"),
    DEPLOYMENTS_DIR: scratch,
    IGNITION_DEPLOYMENT_ID: deploymentId,
  };
  const stack = spawn(process.execPath, [path.join(root, "scripts", "start.ts")], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  stack.stdout!.on("data", (d) => (output += d));
  stack.stderr!.on("data", (d) => (output += d));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      stack.kill("SIGTERM");
      reject(new Error(`not ready within 300 s:\n${output}`));
    }, 300_000);
    stack.stdout!.on("data", () => {
      if (/^ModelDAO ready: /m.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    });
    stack.on("close", (code) => {
      clearTimeout(timer);
      reject(new Error(`the stack exited early (${code}):\n${output}`));
    });
  });
  const deployment = JSON.parse(readFileSync(path.join(scratch, "31337.json"), "utf8")) as Deployment;
  /** Ends the stack and resolves once it has exited (or after 15 s), having removed the Ignition journal. */
  const stop = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        rmSync(path.join(root, "ignition", "deployments", deploymentId), { recursive: true, force: true });
        resolve();
      };
      const timer = setTimeout(done, 15_000);
      if (stack.exitCode !== null || stack.signalCode !== null) return done();
      stack.once("close", done);
      stack.kill("SIGTERM");
    });
  return { deployment, stop };
}

const nameId = (name: string) => toHex(name, { size: 32 });

/** Adds what the seed lacks (receipts in reasons, a pause, an executed upgrade, a release, a late quorum). */
export async function extend(deployment: Deployment, log: (line: string) => void) {
  const transport = http(deployment.rpcUrl);
  const chain = { ...hardhat, id: deployment.chainId };
  const client = createPublicClient({ chain, transport });
  const testClient = createTestClient({ chain, transport, mode: "hardhat" });
  const account = (index: number) => mnemonicToAccount(TEST_MNEMONIC, { addressIndex: index });
  const c = deployment.contracts;
  async function send(index: number, to: Address, data: Hex) {
    const hash = await createWalletClient({ chain, transport, account: account(index) }).sendTransaction({ to, data });
    const receipt = await client.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`transaction ${hash} from account ${index} reverted`);
  }
  const call = (abi: unknown, functionName: string, args: readonly unknown[]) =>
    encodeFunctionData({ abi, functionName, args } as never);
  const gov = (functionName: string, args: readonly unknown[]) =>
    send(ROLES.deployer, c.governor, call(abis.governor, functionName, args));
  async function advance(seconds: bigint | number) {
    await testClient.increaseTime({ seconds: Number(seconds) });
    await testClient.mine({ blocks: 1 });
  }
  const created = await client.getContractEvents({
    address: c.governor,
    abi: abis.governor,
    eventName: "ProposalCreated",
    fromBlock: BigInt(deployment.startBlock),
  });
  const byTitle = (prefix: string) => created.find((e) => e.args.description!.startsWith(prefix))!.args;
  const upgrade = byTitle("# Upgrade digits to digits-cnn v2");
  const inflated = byTitle("# Upgrade digits to v3");

  // Votes with evaluation receipts: a valid one, a malformed one, and one cast with params.
  const receipt = (version: number, cid: string, candidate: number) =>
    receiptLine({
      model: "digits",
      version,
      cid,
      dataset: "bafy-mnist-eval",
      samples: 2000,
      backend: "wasm",
      candidateAccuracy: candidate,
      activeAccuracy: 0.928,
      tool: "modeldao/0.1.0",
    });
  const castWithReason = (voter: number, proposalId: bigint, support: number, reason: string) =>
    send(voter, c.governor, call(abis.governor, "castVoteWithReason", [proposalId, support, reason]));
  await castWithReason(
    holder(9),
    upgrade.proposalId!,
    1,
    `Re-measured in my browser.\n${receipt(2, "bafy-digits-cnn", 0.9715)}`,
  );
  await castWithReason(holder(3), upgrade.proposalId!, 2, "Abstain.\nmodeldao-eval:v1 {not json at all");
  await send(
    holder(1),
    c.governor,
    call(abis.governor, "castVoteWithReasonAndParams", [
      inflated.proposalId!,
      0,
      `Claims 99 %, measures far less.\n${receipt(3, "bafy-digits-inflated", 0.4775)}`,
      "0xc0ffee",
    ]),
  );
  log("votes with receipts cast");

  // The guardian pauses one model, with a reason.
  await send(
    ROLES.guardian,
    c.killSwitch,
    call(abis.killSwitch, "pauseModel", [nameId("penguins"), "Reported mislabelled eval rows; investigating"]),
  );
  log("guardian paused penguins");

  // The honest upgrade passes and is executed (v1 becomes Superseded); the inflated one is defeated.
  const [votingPeriod, extension, timelockDelay, votingDelay] = await Promise.all([
    client.readContract({ address: c.governor, abi: abis.governor, functionName: "votingPeriod" }),
    client.readContract({ address: c.governor, abi: abis.governor, functionName: "lateQuorumVoteExtension" }),
    client.readContract({ address: c.timelock, abi: abis.timelock, functionName: "getMinDelay" }),
    client.readContract({ address: c.governor, abi: abis.governor, functionName: "votingDelay" }),
  ]);
  await advance(votingPeriod + BigInt(extension) + 1n);
  const ops = [upgrade.targets, upgrade.values, upgrade.calldatas, keccak256(toHex(upgrade.description!))] as const;
  await gov("queue", ops);
  await advance(timelockDelay + 1n);
  await gov("execute", ops);
  log("executed: digits v2 active");

  // Past the grant's 30-day cliff, the contributor releases what has vested.
  await advance(31 * 86_400);
  await send(ROLES.contributor, c.treasury, call(abis.treasury, "release", [0n]));
  log("grant 0 released");

  // Holder 7 takes their votes back from holder 1.
  await send(holder(7), c.token, call(abis.token, "delegate", [account(holder(7)).address]));

  // A late quorum: holder 9 proposes, holder 4 votes just before the deadline, the deadline is extended.
  const description =
    "# Retire penguins-mlp v1\n\nRetire the first penguins model while its evaluation set is checked.";
  await send(
    holder(9),
    c.governor,
    call(abis.governor, "propose", [
      [c.modelRegistry],
      [0n],
      [call(abis.modelRegistry, "retireVersion", [nameId("penguins"), 1, "Evaluation set under review"])],
      description,
    ]),
  );
  await advance(BigInt(votingDelay) + 1n);
  await advance(BigInt(votingPeriod) - 1200n);
  const late = (
    await client.getContractEvents({
      address: c.governor,
      abi: abis.governor,
      eventName: "ProposalCreated",
      fromBlock: BigInt(deployment.startBlock),
    })
  ).find((e) => e.args.description === description)!.args;
  await castWithReason(holder(4), late.proposalId!, 1, "Agreed, retire it until the eval set is fixed.");
  log("late quorum: deadline extended");
}

export type RecordedRun = Awaited<ReturnType<typeof record>>;

/** Every log of the deployed contracts, with block timestamps and senders, and the chain's answers at head. */
export async function record(deployment: Deployment) {
  const client = createPublicClient({ chain: hardhat, transport: http(deployment.rpcUrl) });
  const head = await client.getBlock();
  const addresses = CONTRACT_NAMES.map((n) => deployment.contracts[n]);
  const logs = [];
  for (let from = BigInt(deployment.startBlock); from <= head.number; from += BLOCK_RANGE) {
    const to = from + BLOCK_RANGE - 1n < head.number ? from + BLOCK_RANGE - 1n : head.number;
    logs.push(...(await client.getLogs({ address: addresses, fromBlock: from, toBlock: to })));
  }
  const blocks: Record<string, { hash: Hex; timestamp: number }> = {};
  const transactions: Record<string, { from: Address; to: Address | null; index: number }> = {};
  for (const l of logs) {
    const number = String(l.blockNumber);
    if (!blocks[number]) {
      const block = await client.getBlock({ blockNumber: l.blockNumber! });
      blocks[number] = { hash: block.hash!, timestamp: Number(block.timestamp) };
    }
    if (!transactions[l.transactionHash!]) {
      const tx = await client.getTransaction({ hash: l.transactionHash! });
      transactions[l.transactionHash!] = { from: tx.from, to: tx.to, index: tx.transactionIndex! };
    }
  }

  // What the chain itself says at head, for the tests to compare with.
  const c = deployment.contracts;
  const read = (address: Address, abi: unknown, functionName: string, args: readonly unknown[] = []) =>
    client.readContract({ address, abi, functionName, args } as never) as Promise<unknown>;
  const proposals: Record<string, unknown> = {};
  const voters = new Set<Address>();
  for (const e of await client.getContractEvents({
    address: c.governor,
    abi: abis.governor,
    eventName: "VoteCast",
    fromBlock: BigInt(deployment.startBlock),
  }))
    voters.add(e.args.voter!);
  for (const e of await client.getContractEvents({
    address: c.governor,
    abi: abis.governor,
    eventName: "ProposalCreated",
    fromBlock: BigInt(deployment.startBlock),
  })) {
    const id = e.args.proposalId!;
    const snapshot = (await read(c.governor, abis.governor, "proposalSnapshot", [id])) as bigint;
    const [against, forVotes, abstain] = (await read(c.governor, abis.governor, "proposalVotes", [id])) as bigint[];
    proposals[String(id)] = {
      state: Number(await read(c.governor, abis.governor, "state", [id])),
      snapshot: String(snapshot),
      deadline: String(await read(c.governor, abis.governor, "proposalDeadline", [id])),
      eta: String(await read(c.governor, abis.governor, "proposalEta", [id])),
      quorum: String(await read(c.governor, abis.governor, "quorum", [snapshot])),
      against: String(against),
      for: String(forVotes),
      abstain: String(abstain),
    };
  }
  const delegates = new Set<Address>(voters);
  for (const e of await client.getContractEvents({
    address: c.token,
    abi: abis.token,
    eventName: "DelegateChanged",
    fromBlock: BigInt(deployment.startBlock),
  }))
    delegates.add(e.args.toDelegate!);
  const votes: Record<string, string> = {};
  for (const d of delegates) votes[d.toLowerCase()] = String(await read(c.token, abis.token, "getVotes", [d]));
  const models: Record<string, unknown> = {};
  for (const name of ["digits", "penguins"]) {
    const model = (await read(c.modelRegistry, abis.modelRegistry, "getModel", [nameId(name)])) as {
      versionCount: number;
      activeVersion: number;
    };
    const statuses = [];
    for (let v = 1; v <= model.versionCount; v++) {
      const version = (await read(c.modelRegistry, abis.modelRegistry, "getVersion", [nameId(name), v])) as {
        status: number;
      };
      statuses.push(version.status);
    }
    models[name] = {
      versionCount: model.versionCount,
      activeVersion: model.activeVersion,
      statuses,
      paused: await read(c.killSwitch, abis.killSwitch, "isPaused", [nameId(name)]),
    };
  }
  const grant = (await read(c.treasury, abis.treasury, "getGrant", [0n])) as { amount: bigint; released: bigint };
  const chain = {
    head: { number: Number(head.number), timestamp: Number(head.timestamp) },
    proposals,
    votes,
    models,
    approvedDatasets: Number(await read(c.datasetRegistry, abis.datasetRegistry, "approvedCount")),
    totalSupply: String(await read(c.token, abis.token, "totalSupply")),
    grant0: { amount: String(grant.amount), released: String(grant.released) },
    guardian: String(await read(c.killSwitch, abis.killSwitch, "guardian")).toLowerCase(),
  };
  return {
    comment:
      "Recorded by scripts/subgraph/record-fixtures.ts from a fresh seeded local stack (npm start) plus extra actions; do not edit.",
    deployment: { chainId: deployment.chainId, startBlock: deployment.startBlock, contracts: deployment.contracts },
    blocks,
    transactions,
    logs: logs.map((l) => ({
      address: l.address,
      topics: l.topics,
      data: l.data,
      blockNumber: Number(l.blockNumber),
      logIndex: l.logIndex,
      transactionHash: l.transactionHash,
    })),
    chain,
  };
}

if (import.meta.main) {
  const scratch = mkdtempSync(path.join(tmpdir(), "modeldao-fixtures-"));
  const { deployment, stop } = await startStack(scratch);
  try {
    await extend(deployment, (line) => console.log(`fixtures: ${line}`));
    const fixture = await record(deployment);
    mkdirSync(path.dirname(FIXTURE), { recursive: true });
    writeFileSync(FIXTURE, `${JSON.stringify(fixture, null, 1)}\n`);
    console.log(
      `wrote ${path.relative(root, FIXTURE)}: ${fixture.logs.length} logs in ${Object.keys(fixture.blocks).length} blocks`,
    );
  } finally {
    await stop();
    rmSync(scratch, { recursive: true, force: true });
  }
  process.exit(0);
}
