/**
 * Gas benchmark: ModelDAO's contracts against a plain OpenZeppelin Contracts Wizard Governor.
 *
 *   npm run bench:gas      print the table, check the targets (exit 1 when one is missed)
 *   npm run gas:snapshot   the same, then write docs/gas-snapshot.json
 *   npm run gas:check      the same, then compare with docs/gas-snapshot.json (exit 1 when an operation got >1% worse)
 *
 * `hardhat run` rejects options it does not know, so the modes come from the GAS_BENCH environment variable
 * (`GAS_BENCH=snapshot` or `GAS_BENCH=check`); `--snapshot` / `--check` in process.argv are honoured too.
 *
 * One throwaway Hardhat network holds both systems:
 * - ModelDAO, deployed through the real Ignition module (ignition/modules/ModelDAO.ts);
 * - the reference: contracts/fixtures/ReferenceGovernor.sol (WizardGovernor) and ReferenceToken.sol (WizardToken)
 *   over a stock TimelockController, wired like the module wires ModelDAO's.
 * Both get the same settings, the same voters with the same weights and the same proposal, byte for byte, and run the
 * same sequence. Gas is `gasUsed` from each transaction's receipt. The last stdout line is one JSON object,
 * `{"<operation>": {"gas": N, "reference": N | null}, ...}`.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { network } from "hardhat";
import {
  encodeFunctionData,
  getAddress,
  hexToBytes,
  keccak256,
  parseEther,
  stringToHex,
  toHex,
  zeroAddress,
  type Address,
  type Hash,
  type Hex,
} from "viem";
import ModelDAOModule, { TIMELOCK_ROLES } from "../ignition/modules/ModelDAO.js";

// ---------------------------------------------------------------------------------------------------------------------
// Inputs

/** ModelDAO's module parameters; WizardGovernor hard-codes the same values (checked below before measuring). */
const SETTINGS = {
  votingDelay: 60n,
  votingPeriod: 600n,
  proposalThreshold: parseEther("1000"),
  quorumPercent: 4n,
  voteExtension: 120n,
  timelockDelay: 120n,
  treasuryTokens: parseEther("200000"),
} as const;

/** Voting weights of the four holders (wallets 3–6) on both tokens. */
const HOLDER_AMOUNTS = [parseEther("400000"), parseEther("250000"), parseEther("100000"), parseEther("5000")];

/** Every timestamp-dependent input is fixed relative to this, so calldata (and so gas) is identical run to run. */
const CHAIN_START = 2_000_000_000n;

const PROPOSAL_DESCRIPTION =
  "# Activate digits v3\n\nRetrained on MNIST + EMNIST digits; 98.93% accuracy on the held-out mnist-eval split.";
const VOTE_REASON = "Held-out metrics reproduce from the manifest.";
const PAUSE_REASON = "Served predictions disagree with the manifest digest; stopping until governance reviews.";

const Support = { Against: 0, For: 1, Abstain: 2 } as const;

/** A short ASCII id right-padded to bytes32, as the registries expect. */
function id(name: string): Hex {
  return stringToHex(name, { size: 32 });
}

/** A CIDv1 string of realistic shape and length (base32 dag-pb sha2-256: "bafybei" + 52 characters = 59). */
function cid(seed: string): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz234567";
  let bits = 0n;
  for (const byte of hexToBytes(keccak256(toHex(seed)))) bits = (bits << 8n) | BigInt(byte);
  let out = "";
  for (let i = 0; i < 52; i++) {
    out += alphabet[Number(bits & 31n)];
    bits >>= 5n;
    if (bits === 0n) bits = BigInt(keccak256(toHex(seed + i)));
  }
  return `bafybei${out}`;
}

function digest(seed: string): Hex {
  return keccak256(toHex(seed));
}

// ---------------------------------------------------------------------------------------------------------------------
// Targets and modes

type Result = { gas: bigint; reference: bigint | null; note?: string };
type Results = Record<string, Result>;
type Target = { kind: "reference" } | { kind: "absolute"; max: bigint };

/** Operations compared with the reference must cost at most 1.00× its gas; two project operations have a ceiling. */
const TARGETS: Record<string, Target> = {
  delegate: { kind: "reference" },
  propose: { kind: "reference" },
  castVoteFirst: { kind: "reference" },
  castVote: { kind: "reference" },
  castVoteWithReason: { kind: "reference" },
  castVoteBySig: { kind: "reference" },
  queue: { kind: "reference" },
  execute: { kind: "reference" },
  submitModelVersion: { kind: "absolute", max: 150_000n },
  pause: { kind: "absolute", max: 50_000n },
};

const REQUIRED_KEYS = [
  "delegate",
  "propose",
  "castVote",
  "castVoteWithReason",
  "castVoteBySig",
  "queue",
  "execute",
  "submitModelVersion",
  "activateModelVersion",
  "approveDataset",
  "pause",
  "payout",
];

const SNAPSHOT_PATH = "docs/gas-snapshot.json";
/** `--check` fails an operation whose gas grew by more than this fraction over the committed snapshot. */
const CHECK_TOLERANCE = 0.01;

const modes = new Set([
  ...(process.env.GAS_BENCH ?? "")
    .split(",")
    .map((m) => m.trim())
    .filter(Boolean),
  ...process.argv.filter((a) => a === "--snapshot" || a === "--check").map((a) => a.slice(2)),
]);
for (const mode of modes) {
  if (mode !== "snapshot" && mode !== "check") throw new Error(`GAS_BENCH: unknown mode "${mode}"`);
}

// ---------------------------------------------------------------------------------------------------------------------
// Network, wallets, measurement

const connection = await network.create();
const { viem, ignition, networkHelpers } = connection;
const { time } = networkHelpers;
const publicClient = await viem.getPublicClient();
const wallets = await viem.getWalletClients();
const [deployer, guardian, maintainer, alice, bob, carol, dave, outsider, signalTarget] = wallets;
const holders = [alice, bob, carol, dave];

await time.increaseTo(CHAIN_START);

/** Intrinsic calldata gas (EIP-2028): 4 per zero byte, 16 per other byte. */
function calldataGas(input: Hex): bigint {
  let gas = 0n;
  for (const byte of hexToBytes(input)) gas += byte === 0 ? 4n : 16n;
  return gas;
}

type Measured = { gas: bigint; calldata: bigint };

async function measure(tx: Promise<Hash>): Promise<Measured> {
  const hash = await tx;
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error(`transaction ${hash} reverted`);
  const { input } = await publicClient.getTransaction({ hash });
  return { gas: receipt.gasUsed, calldata: calldataGas(input) };
}

// ---------------------------------------------------------------------------------------------------------------------
// Deployments

const project = await ignition.deploy(ModelDAOModule, {
  parameters: {
    ModelDAO: {
      ...SETTINGS,
      guardian: guardian.account.address,
      maintainers: [maintainer.account.address],
      holders: holders.map((w) => w.account.address),
      holderAmounts: HOLDER_AMOUNTS,
    },
  },
});

// The reference, wired the way the module wires ModelDAO: the timelock is its own admin, the Governor its only
// proposer and canceller, anyone may execute. The Wizard token premints to the deployer, who hands out the same
// weights; the 200,000 left with the deployer stand for ModelDAO's undelegated treasury tokens.
const refTimelock = await viem.deployContract("TimelockController", [
  SETTINGS.timelockDelay,
  [],
  [zeroAddress],
  deployer.account.address,
]);
const refToken = await viem.deployContract("WizardToken", [deployer.account.address]);
const refGovernor = await viem.deployContract("WizardGovernor", [
  refToken.address,
  refTimelock.address,
  guardian.account.address,
]);
await refTimelock.write.grantRole([TIMELOCK_ROLES.proposer, refGovernor.address]);
await refTimelock.write.grantRole([TIMELOCK_ROLES.canceller, refGovernor.address]);
await refTimelock.write.renounceRole([TIMELOCK_ROLES.admin, deployer.account.address]);
for (const [i, holder] of holders.entries()) {
  await refToken.write.transfer([holder.account.address, HOLDER_AMOUNTS[i]]);
}

// Refuse to compare unlike things.
async function describeGovernor(governor: typeof refGovernor, token: typeof refToken) {
  return {
    votingDelay: await governor.read.votingDelay(),
    votingPeriod: await governor.read.votingPeriod(),
    proposalThreshold: await governor.read.proposalThreshold(),
    quorumNumerator: await governor.read.quorumNumerator(),
    lateQuorumVoteExtension: await governor.read.lateQuorumVoteExtension(),
    proposalGuardian: await governor.read.proposalGuardian(),
    clockMode: await governor.read.CLOCK_MODE(),
    totalSupply: await token.read.totalSupply(),
    weights: await Promise.all(holders.map((h) => token.read.balanceOf([h.account.address]))),
  };
}
{
  const mine = await describeGovernor(
    project.governor as unknown as typeof refGovernor,
    project.token as unknown as typeof refToken,
  );
  const ref = await describeGovernor(refGovernor, refToken);
  const a = JSON.stringify(mine, (_, v) => (typeof v === "bigint" ? v.toString() : v));
  const b = JSON.stringify(ref, (_, v) => (typeof v === "bigint" ? v.toString() : v));
  if (a !== b) throw new Error(`ModelGovernor and WizardGovernor are set up differently:\n${a}\n${b}`);
  if ((await project.timelock.read.getMinDelay()) !== (await refTimelock.read.getMinDelay())) {
    throw new Error("the two timelocks have different delays");
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// The Governor sequence, run identically on both sides

type GovernorSide = {
  governor: typeof refGovernor;
  token: typeof refToken;
};

// One call, the same bytes on both sides: calldata of the shape of ModelRegistry.activateVersion(bytes32,uint32),
// sent to an account without code, so the call itself costs the same and the numbers compare Governor + timelock.
const proposalCall = {
  target: signalTarget.account.address,
  value: 0n,
  data: encodeFunctionData({
    abi: project.modelRegistry.abi,
    functionName: "activateVersion",
    args: [id("digits"), 3],
  }),
};

async function runGovernorSequence(side: GovernorSide): Promise<Record<string, Measured>> {
  const { governor, token } = side;
  const out: Record<string, Measured> = {};

  // Every holder delegates to themselves; alice's (the first) is reported.
  for (const holder of holders) {
    const m = await measure(token.write.delegate([holder.account.address], { account: holder.account }));
    if (holder === alice) out.delegate = m;
  }
  await networkHelpers.mine();

  const targets = [proposalCall.target];
  const values = [proposalCall.value];
  const calldatas = [proposalCall.data];
  // The id is the same on both sides: it hashes only the proposal, not the Governor's address.
  const proposalId = await governor.read.hashProposal([
    targets,
    values,
    calldatas,
    keccak256(toHex(PROPOSAL_DESCRIPTION)),
  ]);
  out.propose = await measure(
    governor.write.propose([targets, values, calldatas, PROPOSAL_DESCRIPTION], { account: alice.account }),
  );

  await time.increase(SETTINGS.votingDelay + 1n);
  // The first For vote also reaches quorum, which records the late-quorum deadline; later votes skip that.
  out.castVoteFirst = await measure(governor.write.castVote([proposalId, Support.For], { account: alice.account }));
  out.castVote = await measure(governor.write.castVote([proposalId, Support.For], { account: bob.account }));
  out.castVoteWithReason = await measure(
    governor.write.castVoteWithReason([proposalId, Support.For, VOTE_REASON], { account: carol.account }),
  );

  // dave signs an EIP-712 Ballot; outsider relays it.
  const [, name, version, chainId, verifyingContract] = await governor.read.eip712Domain();
  const voter = dave.account.address;
  const signature = await dave.signTypedData({
    account: dave.account,
    domain: { name, version, chainId, verifyingContract },
    types: {
      Ballot: [
        { name: "proposalId", type: "uint256" },
        { name: "support", type: "uint8" },
        { name: "voter", type: "address" },
        { name: "nonce", type: "uint256" },
      ],
    },
    primaryType: "Ballot",
    message: { proposalId, support: Support.For, voter, nonce: await governor.read.nonces([voter]) },
  });
  out.castVoteBySig = await measure(
    governor.write.castVoteBySig([proposalId, Support.For, voter, signature], { account: outsider.account }),
  );

  await time.increase(SETTINGS.votingPeriod + SETTINGS.voteExtension + 1n);
  const descriptionHash = keccak256(toHex(PROPOSAL_DESCRIPTION));
  out.queue = await measure(
    governor.write.queue([targets, values, calldatas, descriptionHash], { account: alice.account }),
  );
  await time.increase(SETTINGS.timelockDelay + 1n);
  out.execute = await measure(
    governor.write.execute([targets, values, calldatas, descriptionHash], { account: alice.account }),
  );
  const executed = 7;
  if ((await governor.read.state([proposalId])) !== executed) throw new Error("the proposal did not execute");
  return out;
}

const projectGov = await runGovernorSequence({
  governor: project.governor as unknown as typeof refGovernor,
  token: project.token as unknown as typeof refToken,
});
const referenceGov = await runGovernorSequence({ governor: refGovernor, token: refToken });

// ---------------------------------------------------------------------------------------------------------------------
// ModelDAO-only operations, each measured as a direct call by the account that makes it in production. Calls that
// only governance makes are sent from the timelock itself (impersonated), so the gas is the contract call's own.

const timelockAddress = getAddress(project.timelock.address);
await networkHelpers.impersonateAccount(timelockAddress);
await networkHelpers.setBalance(timelockAddress, parseEther("100"));
const asTimelock = { account: timelockAddress } as const;

const projectOnly: Record<string, Measured> = {};

// Dataset whitelist: the first approval also takes the approved-count slot from zero, so the second is reported.
const datasets = [
  {
    id: id("mnist-train"),
    cid: cid("mnist-train"),
    manifestDigest: digest("mnist-train manifest"),
    cardDigest: digest("mnist-train card"),
    license: "CC-BY-SA-3.0",
    source: "https://yann.lecun.com/exdb/mnist/",
    creator: "Yann LeCun, Corinna Cortes, Christopher J.C. Burges",
  },
  {
    id: id("emnist-digits-train"),
    cid: cid("emnist-digits-train"),
    manifestDigest: digest("emnist-digits-train manifest"),
    cardDigest: digest("emnist-digits-train card"),
    license: "CC0-1.0",
    source: "https://www.nist.gov/itl/products-and-services/emnist-dataset",
    creator: "Gregory Cohen, Saeed Afshar, Jonathan Tapson, Andre van Schaik",
  },
  {
    id: id("mnist-eval"),
    cid: cid("mnist-eval"),
    manifestDigest: digest("mnist-eval manifest"),
    cardDigest: digest("mnist-eval card"),
    license: "CC-BY-SA-3.0",
    source: "https://yann.lecun.com/exdb/mnist/",
    creator: "Yann LeCun, Corinna Cortes, Christopher J.C. Burges",
  },
];
for (const [i, dataset] of datasets.entries()) {
  const m = await measure(project.datasetRegistry.write.approveDataset([dataset], asTimelock));
  if (i === 1) projectOnly.approveDataset = m;
}

// Model registry: version 1 creates the model; version 2 (2 training sets + 1 eval set, ~59-char CID) is typical.
function versionInput(version: number, parentVersion: number) {
  return {
    modelId: id("digits"),
    parentVersion,
    cid: cid(`digits v${version}`),
    manifestDigest: digest(`digits v${version} manifest`),
    cardDigest: digest(`digits v${version} card`),
    trainingDatasets: [id("mnist-train"), id("emnist-digits-train")],
    evaluationDataset: id("mnist-eval"),
    claimedAccuracyBps: 9893,
    claimedMacroF1Bps: 9889,
  };
}
const asMaintainer = { account: maintainer.account } as const;
projectOnly.submitModelVersionFirst = await measure(
  project.modelRegistry.write.submitModelVersion([versionInput(1, 0)], asMaintainer),
);
await project.modelRegistry.write.activateVersion([id("digits"), 1], asTimelock);
projectOnly.submitModelVersion = await measure(
  project.modelRegistry.write.submitModelVersion([versionInput(2, 1)], asMaintainer),
);
// Activating version 2 supersedes version 1: the usual upgrade.
projectOnly.activateModelVersion = await measure(
  project.modelRegistry.write.activateVersion([id("digits"), 2], asTimelock),
);

// Treasury: an ETH payout to a contributor who already has an account.
await deployer.sendTransaction({ to: project.treasury.address, value: parseEther("10") });
projectOnly.payout = await measure(
  project.treasury.write.payout(
    [zeroAddress, outsider.account.address, parseEther("1.5"), "Data labelling, October (digits v3)"],
    asTimelock,
  ),
);

// Vesting grants in the governance token the treasury holds; the second grant is reported (the first also takes the
// token's reserved total from zero). The beneficiary releases once, mid-vesting, after the cliff.
const grantStart = CHAIN_START + 86_400n;
const grantArgs = (memo: string) =>
  [
    maintainer.account.address,
    project.token.address,
    parseEther("12000"),
    Number(grantStart),
    30 * 86_400,
    365 * 86_400,
    memo,
  ] as const;
await project.treasury.write.createGrant([...grantArgs("Maintainer grant 2026-Q4")], asTimelock);
projectOnly.createGrant = await measure(
  project.treasury.write.createGrant([...grantArgs("Maintainer grant 2027-Q1")], asTimelock),
);
await time.increaseTo(grantStart + 120n * 86_400n);
projectOnly.release = await measure(project.treasury.write.release([1n], asMaintainer));

// Kill switch: the guardian pauses one model, then everything.
projectOnly.pauseModel = await measure(
  project.killSwitch.write.pauseModel([id("digits"), PAUSE_REASON], { account: guardian.account }),
);
projectOnly.pause = await measure(project.killSwitch.write.pause([PAUSE_REASON], { account: guardian.account }));

await networkHelpers.stopImpersonatingAccount(timelockAddress);

// ---------------------------------------------------------------------------------------------------------------------
// Results

const results: Results = {};
for (const [op, m] of Object.entries(projectGov)) {
  const ref = referenceGov[op];
  const note =
    m.calldata !== ref.calldata
      ? `calldata differs by ${m.calldata - ref.calldata} gas (different EIP-712 domain, so different signature bytes)`
      : undefined;
  results[op] = { gas: m.gas, reference: ref.gas, note };
}
for (const [op, m] of Object.entries(projectOnly)) results[op] = { gas: m.gas, reference: null };

for (const key of REQUIRED_KEYS) if (!(key in results)) throw new Error(`missing operation ${key}`);

/** A target is judged on execution gas: where the two transactions' calldata differs (signatures), that is removed. */
function checkTarget(op: string): { text: string; failure?: string } {
  const target = TARGETS[op];
  const r = results[op];
  if (!target) return { text: "" };
  if (target.kind === "absolute") {
    const text = `≤ ${target.max.toLocaleString("en-US")}`;
    if (r.gas > target.max) {
      return { text, failure: `${op}: ${r.gas} gas exceeds the ${target.max} target` };
    }
    return { text };
  }
  const text = "≤ 1.00× ref";
  const ours = projectGov[op];
  const ref = referenceGov[op];
  if (ours.gas - ours.calldata > ref.gas - ref.calldata) {
    return {
      text,
      failure:
        `${op}: ${ours.gas} gas is more than the reference's ${ref.gas} ` +
        `(${(Number(ours.gas) / Number(ref.gas)).toFixed(4)}×; execution gas ` +
        `${ours.gas - ours.calldata} vs ${ref.gas - ref.calldata})`,
    };
  }
  return { text };
}

const failures: string[] = [];
const rows: string[][] = [["operation", "gas", "reference", "ratio", "target", "result"]];
for (const [op, r] of Object.entries(results)) {
  const { text, failure } = checkTarget(op);
  if (failure) failures.push(failure);
  rows.push([
    op,
    r.gas.toLocaleString("en-US"),
    r.reference === null ? "—" : r.reference.toLocaleString("en-US"),
    r.reference === null ? "—" : `${(Number(r.gas) / Number(r.reference)).toFixed(3)}×`,
    text || "—",
    text ? (failure ? "MISSED" : "met") : "",
  ]);
}
const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
const line = (row: string[]) =>
  row
    .map((cell, c) => (c === 0 || c >= 4 ? cell.padEnd(widths[c]) : cell.padStart(widths[c])))
    .join("  ")
    .trimEnd();
console.log("Gas used per transaction (receipt gasUsed); reference = OpenZeppelin Wizard Governor + token\n");
console.log(line(rows[0]));
console.log(widths.map((w) => "-".repeat(w)).join("  "));
for (const row of rows.slice(1)) console.log(line(row));
for (const [op, r] of Object.entries(results)) if (r.note) console.log(`\nnote: ${op}: ${r.note}`);
console.log();

const json: Record<string, { gas: number; reference: number | null }> = {};
for (const [op, r] of Object.entries(results)) {
  json[op] = { gas: Number(r.gas), reference: r.reference === null ? null : Number(r.reference) };
}

if (modes.has("check")) {
  if (!existsSync(SNAPSHOT_PATH)) {
    failures.push(`--check: ${SNAPSHOT_PATH} does not exist; run npm run gas:snapshot and commit it`);
  } else {
    const committed = JSON.parse(readFileSync(SNAPSHOT_PATH, "utf8")) as typeof json;
    const diff: string[] = [];
    for (const op of new Set([...Object.keys(committed), ...Object.keys(json)])) {
      const before = committed[op]?.gas;
      const after = json[op]?.gas;
      if (before === undefined) {
        diff.push(`  + ${op}: ${after} (new)`);
        continue;
      }
      if (after === undefined) {
        diff.push(`  - ${op}: ${before} (no longer measured)`);
        failures.push(`--check: ${op} is in ${SNAPSHOT_PATH} but no longer measured`);
        continue;
      }
      if (after === before) continue;
      const change = (after - before) / before;
      const worse = change > CHECK_TOLERANCE;
      diff.push(
        `  ${worse ? "!" : after > before ? "~" : " "} ${op}: ${before} -> ${after} ` +
          `(${after > before ? "+" : ""}${after - before}, ${(change * 100).toFixed(2)}%)`,
      );
      if (worse) failures.push(`--check: ${op} got ${(change * 100).toFixed(2)}% worse (${before} -> ${after})`);
    }
    console.log(
      diff.length === 0
        ? `--check: identical to ${SNAPSHOT_PATH}`
        : `--check: changes against ${SNAPSHOT_PATH} (! = more than ${CHECK_TOLERANCE * 100}% worse):\n${diff.join("\n")}`,
    );
    console.log();
  }
}

if (modes.has("snapshot")) {
  writeFileSync(SNAPSHOT_PATH, `${JSON.stringify(json, null, 2)}\n`);
  console.log(`--snapshot: wrote ${SNAPSHOT_PATH}\n`);
}

if (failures.length > 0) {
  for (const failure of failures) console.error(`FAILED ${failure}`);
  process.exitCode = 1;
} else {
  console.log(`All targets met${modes.has("check") ? ", and no operation got worse than the snapshot" : ""}.`);
}

console.log(JSON.stringify(json));
