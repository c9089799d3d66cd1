// scripts/deploy.ts: the parameters check (pure), the URL and role-matrix helpers, and the command itself against a
// Hardhat node on 127.0.0.1 (refusals that send nothing, then a real deployment with its role checks).
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { freePort } from "../../scripts/lib/ports.ts";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { createPublicClient, http, isAddress, zeroAddress, type Address } from "viem";
import { TIMELOCK_ROLES } from "../../ignition/modules/ModelDAO.ts";
import { abis } from "../../web/src/contracts/abis.ts";
import {
  checkRoleMatrix,
  chooseGateway,
  effectiveParameters,
  looksLikeSecretUrl,
  parseParameters,
  readParametersFile,
  recordedRpcUrl,
  redactUrl,
  validateParameters,
  type RoleState,
} from "../../scripts/deploy.ts";
import { CONTRACT_NAMES, type Deployment } from "../../scripts/lib/deployments.ts";

const root = path.resolve(import.meta.dirname, "..", "..");
const HARDHAT_CLI = path.join(root, "node_modules", "hardhat", "dist", "src", "cli.js");
const DEAD = "0x000000000000000000000000000000000000dEaD";
const read = (network: string) => readParametersFile(path.join(root, "ignition", "parameters", `${network}.json`));
/** localhost.json's contents with `changes` applied to its ModelDAO section. */
function localWith(changes: Record<string, unknown>) {
  const params = read("localhost") as { ModelDAO: Record<string, unknown> };
  return { ModelDAO: { ...params.ModelDAO, ...changes } };
}

describe("validateParameters", () => {
  it("reports the shipped sepolia.json's placeholder guardian and holder, and nothing else", () => {
    const problems = validateParameters("sepolia", read("sepolia"));
    assert.equal(problems.length, 2, problems.join("\n"));
    assert.match(problems[0], /^guardian is the placeholder 0x0+dEaD: replace it with the guardian multisig/);
    assert.match(problems[1], /^holders\[0\] is the placeholder 0x0+dEaD/);
  });

  it("finds nothing wrong with localhost.json on localhost, nor on a public network", () => {
    assert.deepEqual(validateParameters("localhost", read("localhost")), []);
    // 3-day vote, 1-day timelock, 1,000-token threshold: public-network sane too.
    assert.deepEqual(validateParameters("sepolia", read("localhost")), []);
  });

  it("refuses periods under a day on a public network, naming the override; accepts them with it and on localhost", () => {
    const short = localWith({ votingPeriod: 600n, timelockDelay: 3600n, voteExtension: 60n });
    const problems = validateParameters("sepolia", short);
    assert.equal(problems.length, 2, problems.join("\n"));
    assert.match(problems[0], /^votingPeriod is 600 s \(10 min\), under 1 day: .*--allow-short-periods/);
    assert.match(problems[1], /^timelockDelay is 3600 s \(1 h\), under 1 day: .*--allow-short-periods/);
    assert.deepEqual(validateParameters("sepolia", short, { allowShortPeriods: true }), []);
    assert.deepEqual(validateParameters("localhost", short), []);
    // A period left out falls back to the module's 600 s default, and is refused as such.
    const { votingPeriod: _omitted, ...rest } = localWith({}).ModelDAO;
    assert.match(
      validateParameters("sepolia", { ModelDAO: rest }).join("\n"),
      /votingPeriod is 600 s.*module's default/,
    );
  });

  it("requires a proposal threshold on public networks and a quorum of 1 to 100 everywhere", () => {
    assert.match(validateParameters("sepolia", localWith({ proposalThreshold: 0n })).join(), /proposalThreshold is 0/);
    assert.deepEqual(validateParameters("localhost", localWith({ proposalThreshold: 0n })), []);
    assert.match(
      validateParameters("localhost", localWith({ quorumPercent: 0n })).join(),
      /quorumPercent is 0: .*1 and 100/,
    );
    assert.match(
      validateParameters("localhost", localWith({ quorumPercent: 101n })).join(),
      /quorumPercent 101 is out of range/,
    );
  });

  it("checks addresses, list lengths, amounts, unknown keys and number formats", () => {
    const problems = validateParameters(
      "localhost",
      localWith({
        guardian: zeroAddress,
        holders: ["0x90F79bf6EB2c4f870365E785982E1f101E93b906", "0x1234", "0x90f79bf6eb2c4f870365e785982e1f101e93b906"],
        holderAmounts: [1n, 0n],
        maintainers: [DEAD],
        votingPerod: 604800n,
        votingDelay: "86400",
      }),
    );
    const text = problems.join("\n");
    assert.match(text, /guardian is the zero address/);
    assert.match(text, /holders has 3 entries but holderAmounts has 2/);
    assert.match(text, /holders\[1\] "0x1234" is not a valid address/);
    assert.match(text, /holders\[2\] 0x90f79bf6eb2c4f870365e785982e1f101e93b906 is listed twice/);
    assert.match(text, /holderAmounts\[1\] must be a positive whole number/);
    assert.match(text, /maintainers\[0\] is the placeholder/);
    assert.match(text, /unknown parameter "votingPerod"/);
    assert.match(text, /votingDelay must be a whole number, e.g. "86400n"/);
    assert.equal(problems.length, 8, text);
    assert.match(
      validateParameters("localhost", localWith({ voteExtension: 300_000n })).join(),
      /voteExtension 300000 is longer than votingPeriod 259200/,
    );
    assert.match(validateParameters("localhost", { Other: {} }).join(), /no "ModelDAO" object/);
    assert.match(validateParameters("localhost", localWith({ guardian: undefined })).join(), /guardian is not set/);
  });

  it("parses Ignition's bigint convention and names a missing or broken file", () => {
    assert.deepEqual(parseParameters('{"a":"123n","b":"12n3","c":5}'), { a: 123n, b: "12n3", c: 5 });
    const params = effectiveParameters(read("sepolia"));
    assert.equal(params.votingPeriod, 604_800n);
    assert.equal(params.guardian, DEAD);
    assert.throws(() => readParametersFile(path.join(root, "ignition", "parameters", "nope.json")), /does not exist/);
    const scratch = mkdtempSync(path.join(tmpdir(), "modeldao-params-"));
    try {
      writeFileSync(path.join(scratch, "bad.json"), '{"ModelDAO": {');
      assert.throws(() => readParametersFile(path.join(scratch, "bad.json")), /does not parse as JSON/);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});

describe("RPC and gateway URLs", () => {
  it("spots URLs that carry a key and masks them for printing", () => {
    const infura = "https://sepolia.infura.io/v3/0123456789abcdef0123456789abcdef";
    assert.equal(looksLikeSecretUrl(infura), true);
    assert.equal(redactUrl(infura), "https://sepolia.infura.io/v3/0123***");
    assert.equal(looksLikeSecretUrl("https://eth-sepolia.g.alchemy.com/v2/aB3dE5fG7hI9jK1lM3nO5pQ"), true);
    assert.equal(looksLikeSecretUrl("https://rpc.example.org/?apikey=x"), true);
    assert.equal(looksLikeSecretUrl("https://user:pw@rpc.example.org/"), true);
    assert.equal(redactUrl("https://user:pw@rpc.example.org/?apikey=x"), "https://***:***@rpc.example.org/?apikey=***");
    for (const url of [
      "https://ethereum-sepolia-rpc.publicnode.com",
      "https://rpc.ankr.com/eth_sepolia",
      "http://127.0.0.1:8545",
    ]) {
      assert.equal(looksLikeSecretUrl(url), false, url);
      assert.equal(redactUrl(url), url);
    }
  });

  it("records PUBLIC_RPC_URL when set, else the URL used", () => {
    assert.equal(
      recordedRpcUrl("https://a.example/v3/key", { PUBLIC_RPC_URL: "https://public.example" }),
      "https://public.example",
    );
    assert.equal(recordedRpcUrl("http://127.0.0.1:8545", {}), "http://127.0.0.1:8545");
  });

  it("records the first of a comma-separated gateway list, as an origin, and refuses a gateway with a path", () => {
    assert.deepEqual(chooseGateway(undefined), { gatewayUrl: null, ignored: [] });
    assert.deepEqual(chooseGateway("https://trustless-gateway.link/, https://ipfs.io"), {
      gatewayUrl: "https://trustless-gateway.link",
      ignored: ["https://ipfs.io"],
    });
    assert.throws(() => chooseGateway("https://gw.example/ipfs"), /origin without a path/);
  });
});

describe("checkRoleMatrix", () => {
  const a = (n: number) => `0x${n.toString(16).padStart(40, "0")}` as Address;
  const contracts = Object.fromEntries(CONTRACT_NAMES.map((name, i) => [name, a(0x100 + i)])) as Record<
    (typeof CONTRACT_NAMES)[number],
    Address
  >;
  const params = effectiveParameters(read("localhost"));
  const deployer = a(0xd);
  const good: RoleState = {
    timelock: {
      admin: [contracts.timelock],
      proposer: [contracts.governor],
      canceller: [contracts.governor],
      executor: [zeroAddress],
    },
    minDelay: params.timelockDelay,
    registryAdmins: [contracts.timelock],
    registryMaintainers: params.maintainers,
    owners: { treasury: contracts.timelock, datasetRegistry: contracts.timelock, killSwitch: contracts.timelock },
    killSwitchGuardian: params.guardian,
    proposalGuardian: params.guardian,
    governorTimelock: contracts.timelock,
    governorToken: contracts.token,
    registryDatasetRegistry: contracts.datasetRegistry,
    registryKillSwitch: contracts.killSwitch,
    settings: {
      votingDelay: params.votingDelay,
      votingPeriod: params.votingPeriod,
      proposalThreshold: params.proposalThreshold,
      quorumPercent: params.quorumPercent,
      voteExtension: params.voteExtension,
    },
    totalSupply: params.holderAmounts.reduce((x, y) => x + y, 0n) + params.treasuryTokens,
  };

  it("passes the module's role matrix", () => {
    const checks = checkRoleMatrix(good, { contracts, deployer, params });
    assert.deepEqual(
      checks.filter((c) => !c.ok),
      [],
    );
    assert.ok(checks.length >= 15);
  });

  it("fails a deployer that kept the timelock admin, a wrong guardian and a non-timelock owner, saying what it found", () => {
    const bad: RoleState = {
      ...good,
      timelock: { ...good.timelock, admin: [contracts.timelock, deployer] },
      killSwitchGuardian: a(0xbad),
      owners: { ...good.owners, treasury: deployer },
    };
    const failed = checkRoleMatrix(bad, { contracts, deployer, params }).filter((c) => !c.ok);
    assert.deepEqual(
      failed.map((c) => c.name),
      ["Timelock DEFAULT_ADMIN_ROLE", "Treasury owner", "KillSwitch guardian", "Deployer keeps no power"],
    );
    assert.match(failed[0].detail, new RegExp(`found ${contracts.timelock}, ${deployer}`));
    assert.match(failed[3].detail, /still holds: timelock admin/);
  });
});

type Run = { code: number | null; output: string };

/** Runs scripts/deploy.ts with a clean environment (no real network's variables) plus `env`. */
function runDeploy(args: string[], env: Record<string, string>, timeoutMs: number): Promise<Run> {
  const base = { ...process.env };
  for (const name of ["SEPOLIA_RPC_URL", "DEPLOYER_PRIVATE_KEY", "PUBLIC_RPC_URL", "PUBLIC_GATEWAY_URL", "RPC_URL"]) {
    delete base[name];
  }
  const child = spawn(process.execPath, [path.join(root, "scripts", "deploy.ts"), ...args], {
    cwd: root,
    // CI: Hardhat never opens the keystore (no password prompt), whatever this machine's keystore holds.
    env: { ...base, CI: "true", HARDHAT_DISABLE_TELEMETRY: "true", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGTERM"), timeoutMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe("scripts/deploy.ts against a Hardhat node on 127.0.0.1", { timeout: 360_000 }, () => {
  const scratch = mkdtempSync(path.join(tmpdir(), "modeldao-deploy-"));
  const deploymentId = `deploy-test-${process.pid}`;
  const ignitionDir = path.join(root, "ignition", "deployments", deploymentId);
  const isolation = { DEPLOYMENTS_DIR: scratch, IGNITION_DEPLOYMENT_ID: deploymentId };
  let node: ChildProcess;
  let nodeLog = "";
  let rpcUrl: string;
  let client: ReturnType<typeof createPublicClient>;
  const rpc = async (method: string, params: unknown[]) => client.request({ method, params } as never);
  const deployer = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"; // the node's account 0

  before(async () => {
    const port = await freePort();
    rpcUrl = `http://127.0.0.1:${port}`;
    node = spawn(process.execPath, [HARDHAT_CLI, "node", "--hostname", "127.0.0.1", "--port", String(port)], {
      cwd: root,
      env: { ...process.env, HARDHAT_DISABLE_TELEMETRY: "true" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    node.stdout!.on("data", (d) => (nodeLog = (nodeLog + d).slice(-4000)));
    node.stderr!.on("data", (d) => (nodeLog = (nodeLog + d).slice(-4000)));
    client = createPublicClient({ transport: http(rpcUrl, { retryCount: 0, timeout: 2_000 }) });
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (node.exitCode !== null) throw new Error(`hardhat node exited (${node.exitCode}):\n${nodeLog}`);
      try {
        await client.getChainId();
        break;
      } catch {
        if (Date.now() > deadline) throw new Error(`hardhat node did not answer within 60 s:\n${nodeLog}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  });

  after(() => {
    if (node?.exitCode === null) node.kill("SIGTERM");
    rmSync(scratch, { recursive: true, force: true });
    rmSync(ignitionDir, { recursive: true, force: true });
  });

  it("refuses cleanly when the node is down: exit 1, the URL and what to do, nothing written", async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const run = await runDeploy(["--network", "localhost"], { ...isolation, RPC_URL: closed }, 30_000);
    assert.equal(run.code, 1, run.output);
    assert.match(
      run.output,
      new RegExp(`deploy refused: the localhost node at ${closed}/? does not answer \\(.*(ECONNREFUSED|fetch failed)`),
    );
    assert.match(
      run.output,
      /start one with `npm start` or `npx hardhat node`, or point RPC_URL at it\. Nothing was sent\./,
    );
    assert.equal(existsSync(path.join(scratch, "31337.json")), false);
    assert.equal(existsSync(ignitionDir), false);
  });

  it("refuses the placeholder parameters before sending anything", async () => {
    const nonce = await client.getTransactionCount({ address: deployer });
    const run = await runDeploy(
      ["--network", "localhost", "--parameters", "ignition/parameters/sepolia.json"],
      { ...isolation, RPC_URL: rpcUrl },
      30_000,
    );
    assert.equal(run.code, 1, run.output);
    assert.match(run.output, /ignition\/parameters\/sepolia\.json is not ready for localhost \(2 problems\)/);
    assert.match(run.output, /guardian is the placeholder/);
    assert.equal(await client.getTransactionCount({ address: deployer }), nonce);
    assert.equal(existsSync(ignitionDir), false);
  });

  it("refuses a deployer without ETH, naming it, and sends nothing", async () => {
    const balance = await client.getBalance({ address: deployer });
    await rpc("hardhat_setBalance", [deployer, "0x0"]);
    try {
      const run = await runDeploy(["--network", "localhost"], { ...isolation, RPC_URL: rpcUrl }, 30_000);
      assert.equal(run.code, 1, run.output);
      assert.match(run.output, new RegExp(`the deployer ${deployer} has no ETH on chain 31337`));
      assert.equal(await client.getTransactionCount({ address: deployer }), 0);
    } finally {
      await rpc("hardhat_setBalance", [deployer, `0x${balance.toString(16)}`]);
    }
  });

  it("names the missing key for a network that needs one, and a URL serving the wrong chain", async () => {
    const params = ["--parameters", "ignition/parameters/localhost.json"];
    const noKey = await runDeploy(
      ["--network", "sepolia", ...params],
      { ...isolation, SEPOLIA_RPC_URL: rpcUrl },
      30_000,
    );
    assert.equal(noKey.code, 1, noKey.output);
    assert.match(noKey.output, /DEPLOYER_PRIVATE_KEY is not set .*npx hardhat keystore set DEPLOYER_PRIVATE_KEY/);
    const wrongChain = await runDeploy(
      ["--network", "sepolia", ...params],
      {
        ...isolation,
        SEPOLIA_RPC_URL: rpcUrl,
        // Hardhat's test account 1: a well-known key, never for real funds.
        DEPLOYER_PRIVATE_KEY: "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
      },
      30_000,
    );
    assert.equal(wrongChain.code, 1, wrongChain.output);
    assert.match(wrongChain.output, /serves chain 31337, not 11155111\. Nothing was sent\./);
    assert.equal(await client.getTransactionCount({ address: deployer }), 0);
  });

  it("deploys with localhost.json, passes every role check and writes the deployments file", async () => {
    // The default build profile reuses the artifacts `hardhat build` and `hardhat test` leave; Ignition's own default
    // (production: isolated builds) recompiles for minutes after them. The deployed contracts' logic is the same.
    const run = await runDeploy(
      ["--network", "localhost", "--gateway", "http://127.0.0.1:8080", "--build-profile", "default"],
      { ...isolation, RPC_URL: rpcUrl },
      300_000,
    );
    assert.equal(run.code, 0, run.output);
    assert.match(run.output, /network: localhost, chain 31337 at http:\/\/127\.0\.0\.1:\d+, block 0/);
    assert.match(run.output, /\n\s+PASS Timelock DEFAULT_ADMIN_ROLE\s+the timelock only\n/);
    assert.match(run.output, /\n\s+PASS Deployer keeps no power\s+/);
    assert.doesNotMatch(run.output, /\bFAIL\b/);
    const passed = Number(/All (\d+) role checks passed\./.exec(run.output)?.[1]);
    assert.ok(passed >= 15, run.output);

    const deployment = JSON.parse(readFileSync(path.join(scratch, "31337.json"), "utf8")) as Deployment;
    assert.deepEqual(Object.keys(deployment.contracts).sort(), [...CONTRACT_NAMES].sort());
    for (const name of CONTRACT_NAMES) {
      assert.ok(isAddress(deployment.contracts[name]), name);
      assert.notEqual(await client.getCode({ address: deployment.contracts[name] }), undefined, `${name} has code`);
      assert.ok(run.output.includes(`${name.padEnd(16)} ${deployment.contracts[name]}`), `summary lists ${name}`);
    }
    assert.equal(new Set(Object.values(deployment.contracts)).size, 7);
    assert.equal(deployment.chainId, 31337);
    assert.equal(deployment.rpcUrl, rpcUrl);
    assert.equal(deployment.gatewayUrl, "http://127.0.0.1:8080");
    // The start block holds the deployer's first transaction, and nothing of ours came before it.
    const first = await client.getBlock({ blockNumber: BigInt(deployment.startBlock), includeTransactions: true });
    assert.ok(first.transactions.some((tx) => tx.from.toLowerCase() === deployer.toLowerCase()));
    assert.equal(
      await client.getTransactionCount({ address: deployer, blockNumber: BigInt(deployment.startBlock - 1) }),
      0,
    );

    // Independently of the script's checks: the deployer gave its admin up and the Governor alone proposes.
    const c = deployment.contracts;
    const hasRole = (role: `0x${string}`, account: Address) =>
      client.readContract({ address: c.timelock, abi: abis.timelock, functionName: "hasRole", args: [role, account] });
    assert.equal(await hasRole(TIMELOCK_ROLES.admin, deployer), false);
    assert.equal(await hasRole(TIMELOCK_ROLES.admin, c.timelock), true);
    assert.equal(await hasRole(TIMELOCK_ROLES.proposer, c.governor), true);
    assert.equal(await hasRole(TIMELOCK_ROLES.executor, zeroAddress), true);
  });
});
