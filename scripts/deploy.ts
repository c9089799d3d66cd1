// Deploy ModelDAO to a real network by configuration:
//
//   npm run deploy -- --network <name> [--parameters ignition/parameters/<name>.json] [--gateway <url>]
//                     [--allow-short-periods] [--build-profile <profile>]
//
// 1. Checks the parameters file before anything is sent: it parses (Ignition's "123n" bigint convention), the guardian
//    and every holder and maintainer are real addresses (not 0x0, not the 0x…dEaD placeholder), the lists match, and
//    on a public network the periods are at least a day and the proposal threshold is not zero.
// 2. Connects to the network's RPC (hardhat.config.ts: `localhost` is RPC_URL or http://127.0.0.1:8545; `sepolia` is
//    SEPOLIA_RPC_URL and DEPLOYER_PRIVATE_KEY, from the environment or Hardhat's keystore), reports the chain id and
//    refuses a deployer without ETH.
// 3. Runs `hardhat ignition deploy ignition/modules/ModelDAO.ts` with that parameters file, non-interactively,
//    streaming its output. Re-running after a failure resumes from Ignition's journal.
// 4. Verifies the role matrix on chain and prints it with the addresses; only when every check passes does it write
//    deployments/<chainId>.json (start block from Ignition's journal; rpcUrl from PUBLIC_RPC_URL when set; gatewayUrl
//    from --gateway or PUBLIC_GATEWAY_URL).
//
// Environment: PUBLIC_RPC_URL, PUBLIC_GATEWAY_URL, DEPLOYMENTS_DIR and IGNITION_DEPLOYMENT_ID (tests), plus whatever
// the network's configuration variables are. See docs/deploying.md and .env.example.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import {
  createPublicClient,
  decodeEventLog,
  formatEther,
  getAddress,
  http,
  isAddress,
  zeroAddress,
  type Address,
  type Hex,
  type PublicClient,
} from "viem";
import { mnemonicToAccount, privateKeyToAccount } from "viem/accounts";
import { TIMELOCK_ROLES } from "../ignition/modules/ModelDAO.ts";
import { abis } from "../web/src/contracts/abis.ts";
import {
  CONTRACT_NAMES,
  deploymentPath,
  ignitionDeploymentId,
  readIgnitionAddresses,
  writeDeployment,
  type ContractName,
  type Deployment,
} from "./lib/deployments.ts";

const root = path.resolve(import.meta.dirname, "..");
const HARDHAT_CLI = path.join(root, "node_modules", "hardhat", "dist", "src", "cli.js");
const MODULE_PATH = "ignition/modules/ModelDAO.ts";
const MODULE_ID = "ModelDAO";

/** A refusal with a message meant for the person running the deployment (no stack trace). */
export class DeployError extends Error {}

// ---------------------------------------------------------------------------------------------------------------
// Parameters file

export const ONE_DAY = 86_400n;
/** Addresses that mark a value still to be filled in; `0x…dEaD` is what ignition/parameters/sepolia.json ships with. */
export const PLACEHOLDER_ADDRESSES: readonly string[] = [zeroAddress, "0x000000000000000000000000000000000000dEaD"];
/** Networks where short periods and a zero threshold are fine: a throwaway local chain. */
export const LOCAL_NETWORKS: readonly string[] = ["localhost"];

/** The module's parameters (ignition/modules/ModelDAO.ts) and the default it uses when one is absent. */
const MODULE_DEFAULTS = {
  tokenName: "ModelDAO",
  tokenSymbol: "MDAO",
  holders: [],
  holderAmounts: [],
  treasuryTokens: 0n,
  votingDelay: 60n,
  votingPeriod: 600n,
  proposalThreshold: 0n,
  quorumPercent: 4n,
  voteExtension: 120n,
  timelockDelay: 120n,
  guardian: undefined,
  maintainers: [],
} as const;
/** ERC20Votes' safe supply. */
const MAX_SUPPLY = 2n ** 208n - 1n;
const NUMERIC_LIMITS: Record<string, bigint> = {
  treasuryTokens: MAX_SUPPLY,
  votingDelay: 2n ** 48n - 1n,
  votingPeriod: 2n ** 32n - 1n,
  proposalThreshold: 2n ** 256n - 1n,
  quorumPercent: 100n,
  voteExtension: 2n ** 48n - 1n,
  timelockDelay: 2n ** 256n - 1n,
};

export type ModuleParameters = {
  tokenName: string;
  tokenSymbol: string;
  holders: Address[];
  holderAmounts: bigint[];
  treasuryTokens: bigint;
  votingDelay: bigint;
  votingPeriod: bigint;
  proposalThreshold: bigint;
  quorumPercent: bigint;
  voteExtension: bigint;
  timelockDelay: bigint;
  guardian: Address;
  maintainers: Address[];
};

/** Parses a parameters file's text the way Ignition does: a string "123n" is the bigint 123. */
export function parseParameters(text: string): unknown {
  return JSON.parse(text, (_key, value) =>
    typeof value === "string" && /^\d+n$/.test(value) ? BigInt(value.slice(0, -1)) : value,
  );
}

export function readParametersFile(file: string): unknown {
  if (!existsSync(file)) {
    throw new DeployError(
      `parameters file ${file} does not exist: copy ignition/parameters/sepolia.json and fill it in, or pass --parameters <file>`,
    );
  }
  if (!file.endsWith(".json")) throw new DeployError(`parameters file ${file}: only .json files are supported`);
  try {
    return parseParameters(readFileSync(file, "utf8"));
  } catch (error) {
    throw new DeployError(`parameters file ${file} does not parse as JSON: ${(error as Error).message}`);
  }
}

function toBigInt(value: unknown): bigint | undefined {
  if (typeof value === "bigint") return value;
  if (typeof value === "number" && Number.isSafeInteger(value)) return BigInt(value);
  return undefined;
}

function describeSeconds(seconds: bigint) {
  const s = Number(seconds);
  const days = +(s / 86_400).toFixed(2);
  if (s >= 86_400) return `${s} s (${days} day${days === 1 ? "" : "s"})`;
  if (s >= 3_600) return `${s} s (${+(s / 3_600).toFixed(2)} h)`;
  if (s >= 60) return `${s} s (${+(s / 60).toFixed(2)} min)`;
  return `${s} s`;
}

function addressProblem(label: string, value: unknown, role: string): string | undefined {
  if (value === undefined || value === null || value === "") return `${label} is not set: put ${role} there`;
  if (typeof value !== "string" || !isAddress(value, { strict: true })) {
    return `${label} ${JSON.stringify(value)} is not a valid address (40 hex digits after 0x, with a correct checksum if mixed case)`;
  }
  const placeholder = PLACEHOLDER_ADDRESSES.find((p) => p.toLowerCase() === value.toLowerCase());
  if (placeholder === zeroAddress) return `${label} is the zero address: put ${role} there`;
  if (placeholder) return `${label} is the placeholder ${value}: replace it with ${role}`;
  return undefined;
}

/**
 * Checks the contents of an Ignition parameters file (`{ "ModelDAO": { … } }`, already parsed with
 * {@link parseParameters}) for deploying to `network`. Returns one human-readable line per problem; empty means
 * deployable. Pure: reads nothing, sends nothing.
 */
export function validateParameters(
  network: string,
  params: unknown,
  options: { allowShortPeriods?: boolean } = {},
): string[] {
  const problems: string[] = [];
  const local = LOCAL_NETWORKS.includes(network);
  const section = (params as Record<string, unknown> | null)?.[MODULE_ID];
  if (typeof section !== "object" || section === null || Array.isArray(section)) {
    return [
      `the file has no "${MODULE_ID}" object: Ignition reads the module's parameters from { "${MODULE_ID}": { … } }`,
    ];
  }
  const p = section as Record<string, unknown>;

  for (const key of Object.keys(p)) {
    if (!(key in MODULE_DEFAULTS)) {
      problems.push(
        `unknown parameter "${key}" (a typo would silently fall back to the module's default); known: ${Object.keys(MODULE_DEFAULTS).join(", ")}`,
      );
    }
  }

  const guardianProblem = addressProblem("guardian", p.guardian, "the guardian multisig's address (e.g. a Safe)");
  if (guardianProblem) problems.push(guardianProblem);

  for (const key of ["tokenName", "tokenSymbol"] as const) {
    if (key in p && (typeof p[key] !== "string" || p[key] === "")) problems.push(`${key} must be a non-empty string`);
  }

  const holders = p.holders ?? [];
  const amounts = p.holderAmounts ?? [];
  if (!Array.isArray(holders)) problems.push(`holders must be a list of addresses`);
  if (!Array.isArray(amounts)) problems.push(`holderAmounts must be a list of amounts ("1000000000000000000n")`);
  if (Array.isArray(holders) && Array.isArray(amounts)) {
    if (holders.length === 0) {
      problems.push(`holders is empty: nobody would hold votes, and the treasury's tokens only move by a vote`);
    }
    if (holders.length !== amounts.length) {
      problems.push(
        `holders has ${holders.length} entries but holderAmounts has ${amounts.length}: they are paired by position`,
      );
    }
    const seen = new Set<string>();
    holders.forEach((holder, i) => {
      const problem = addressProblem(`holders[${i}]`, holder, "a real token holder's address");
      if (problem) problems.push(problem);
      else if (seen.has(String(holder).toLowerCase())) problems.push(`holders[${i}] ${holder} is listed twice`);
      seen.add(String(holder).toLowerCase());
    });
    amounts.forEach((amount, i) => {
      const value = toBigInt(amount);
      if (value === undefined || value <= 0n) {
        problems.push(
          `holderAmounts[${i}] must be a positive whole number of token units, e.g. "1000000000000000000n"`,
        );
      }
    });
  }

  const maintainers = p.maintainers ?? [];
  if (!Array.isArray(maintainers)) problems.push(`maintainers must be a list of addresses (it may be empty)`);
  else {
    maintainers.forEach((maintainer, i) => {
      const problem = addressProblem(`maintainers[${i}]`, maintainer, "a maintainer's address");
      if (problem) problems.push(problem);
    });
  }

  const numbers: Record<string, bigint> = {};
  for (const [key, limit] of Object.entries(NUMERIC_LIMITS)) {
    const raw = key in p ? p[key] : MODULE_DEFAULTS[key as keyof typeof MODULE_DEFAULTS];
    const value = toBigInt(raw);
    if (value === undefined) {
      problems.push(
        typeof raw === "number"
          ? `${key} ${raw} is too large for a JSON number: write it as a string with Ignition's bigint suffix, "${BigInt(Math.trunc(raw))}n"`
          : `${key} must be a whole number, e.g. "86400n" (Ignition's bigint convention) or 86400; got ${JSON.stringify(raw)}`,
      );
      continue;
    }
    if (value < 0n || value > limit) {
      problems.push(`${key} ${value} is out of range (0 to ${limit})`);
      continue;
    }
    numbers[key] = value;
  }

  const defaulted = (key: string) => (key in p ? "" : ` (not set: the module's default)`);
  if (numbers.quorumPercent !== undefined && (numbers.quorumPercent < 1n || numbers.quorumPercent > 100n)) {
    problems.push(`quorumPercent is ${numbers.quorumPercent}: it must be between 1 and 100`);
  }
  if (numbers.votingPeriod === 0n) problems.push(`votingPeriod is 0: the Governor refuses a zero voting period`);
  if (
    numbers.voteExtension !== undefined &&
    numbers.votingPeriod !== undefined &&
    numbers.voteExtension > numbers.votingPeriod
  ) {
    problems.push(
      `voteExtension ${numbers.voteExtension} is longer than votingPeriod ${numbers.votingPeriod}: the Governor refuses it`,
    );
  }
  if (Array.isArray(amounts) && numbers.treasuryTokens !== undefined) {
    const supply = amounts.reduce<bigint>((sum, a) => sum + (toBigInt(a) ?? 0n), numbers.treasuryTokens);
    if (supply > MAX_SUPPLY) {
      problems.push(`the total supply ${supply} exceeds what ERC20Votes can track (2^208 - 1)`);
    }
  }
  if (!local) {
    for (const key of ["votingPeriod", "timelockDelay"] as const) {
      const value = numbers[key];
      if (value !== undefined && value < ONE_DAY && !options.allowShortPeriods) {
        problems.push(
          `${key} is ${describeSeconds(value)}${defaulted(key)}, under 1 day: too short for holders on ${network} ` +
            `(${key === "votingPeriod" ? "to vote" : "to react before a passed proposal executes"}). ` +
            `Set at least "86400n", or pass --allow-short-periods for a throwaway test deployment`,
        );
      }
    }
    if (numbers.proposalThreshold === 0n) {
      problems.push(
        `proposalThreshold is 0${defaulted("proposalThreshold")}: anyone could open proposals on ${network}. ` +
          `Set it in token units, e.g. "10000000000000000000000n" for 10,000 tokens`,
      );
    }
  }
  return problems;
}

/** The module's parameters with its defaults filled in; only meaningful once {@link validateParameters} passed. */
export function effectiveParameters(params: unknown): ModuleParameters {
  const p = (params as Record<string, Record<string, unknown>>)[MODULE_ID];
  const value = <K extends keyof ModuleParameters>(key: K) =>
    (key in p ? p[key] : MODULE_DEFAULTS[key]) as ModuleParameters[K];
  const big = (key: keyof ModuleParameters) => toBigInt(value(key))!;
  return {
    tokenName: value("tokenName"),
    tokenSymbol: value("tokenSymbol"),
    holders: value("holders").map((a) => getAddress(a)),
    holderAmounts: (value("holderAmounts") as unknown[]).map((a) => toBigInt(a)!),
    treasuryTokens: big("treasuryTokens"),
    votingDelay: big("votingDelay"),
    votingPeriod: big("votingPeriod"),
    proposalThreshold: big("proposalThreshold"),
    quorumPercent: big("quorumPercent"),
    voteExtension: big("voteExtension"),
    timelockDelay: big("timelockDelay"),
    guardian: getAddress(value("guardian")),
    maintainers: value("maintainers").map((a) => getAddress(a)),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// RPC URLs

const SECRET_QUERY = /key|token|secret|auth|pass|access|sig/i;
/** A path segment that looks like an API key: long, URL-safe, letters and digits mixed (Infura, Alchemy, QuickNode). */
const isKeyLike = (segment: string) => segment.length >= 16 && /^[A-Za-z0-9_-]+$/.test(segment) && /\d/.test(segment);

/** Whether `url` seems to carry a credential (user info, a key-like query parameter or path segment). */
export function looksLikeSecretUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.username || parsed.password) return true;
  for (const name of parsed.searchParams.keys()) if (SECRET_QUERY.test(name)) return true;
  return parsed.pathname.split("/").some(isKeyLike);
}

/** `url` with anything key-like masked, for printing. */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "<not a URL>";
  }
  if (!looksLikeSecretUrl(url)) return url;
  if (parsed.username) parsed.username = "***";
  if (parsed.password) parsed.password = "***";
  for (const name of [...parsed.searchParams.keys()]) if (SECRET_QUERY.test(name)) parsed.searchParams.set(name, "***");
  parsed.pathname = parsed.pathname
    .split("/")
    .map((s) => (isKeyLike(s) ? `${s.slice(0, 4)}***` : s))
    .join("/");
  return parsed.toString();
}

/** The gateway recorded in the deployments file: the first of a comma-separated list, an http(s) origin. */
export function chooseGateway(value: string | undefined): { gatewayUrl: string | null; ignored: string[] } {
  const list = (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (list.length === 0) return { gatewayUrl: null, ignored: [] };
  for (const gateway of list) {
    let url: URL;
    try {
      url = new URL(gateway);
    } catch {
      throw new DeployError(`gateway ${JSON.stringify(gateway)} is not a URL`);
    }
    if ((url.protocol !== "http:" && url.protocol !== "https:") || (url.pathname !== "/" && url.pathname !== "")) {
      throw new DeployError(
        `gateway ${gateway} must be an http(s) origin without a path (clients request <origin>/ipfs/<cid>)`,
      );
    }
  }
  return { gatewayUrl: new URL(list[0]).origin, ignored: list.slice(1) };
}

/** An error and its causes on one line ("HTTP request failed: fetch failed: connect ECONNREFUSED …"). */
function describeError(error: unknown): string {
  const parts: string[] = [];
  let current = error as { shortMessage?: string; message?: string; code?: string; cause?: unknown } | undefined;
  for (let depth = 0; current && depth < 5; depth++) {
    const text = (current.shortMessage ?? current.message ?? String(current)).split("\n")[0].replace(/\.$/, "");
    if (text && !parts.includes(text)) parts.push(text);
    if (current.code && !parts.some((p) => p.includes(String(current!.code)))) parts.push(String(current.code));
    current = current.cause as typeof current;
  }
  return parts.join(": ");
}

/** The RPC URL written to the deployments file: PUBLIC_RPC_URL when set, else the one used to deploy. */
export function recordedRpcUrl(usedUrl: string, env: NodeJS.ProcessEnv = process.env): string {
  return env.PUBLIC_RPC_URL || usedUrl;
}

// ---------------------------------------------------------------------------------------------------------------
// Ignition's journal

/** The first and last block of the deployment's transactions, from Ignition's journal (its confirmed receipts). */
export function readJournal(deploymentId: string) {
  const file = path.join(root, "ignition", "deployments", deploymentId, "journal.jsonl");
  if (!existsSync(file)) throw new DeployError(`Ignition's journal ${file} is missing`);
  const receipts: { blockNumber: number; logs: { address: string; topics: Hex[]; data: Hex }[] }[] = [];
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (!line.trim()) continue;
    const message = JSON.parse(line) as { type?: string; receipt?: (typeof receipts)[number] };
    if (message.type === "TRANSACTION_CONFIRM" && message.receipt) receipts.push(message.receipt);
  }
  if (receipts.length === 0) throw new DeployError(`Ignition's journal ${file} has no confirmed transaction`);
  const blocks = receipts.map((r) => r.blockNumber);
  return { file, startBlock: Math.min(...blocks), lastBlock: Math.max(...blocks), receipts };
}

// ---------------------------------------------------------------------------------------------------------------
// Role matrix

export type RoleState = {
  /** Current holders of each timelock role: every account the deployment granted it to, that still holds it. */
  timelock: Record<keyof typeof TIMELOCK_ROLES, Address[]>;
  minDelay: bigint;
  registryAdmins: Address[];
  registryMaintainers: Address[];
  owners: { treasury: Address; datasetRegistry: Address; killSwitch: Address };
  killSwitchGuardian: Address;
  proposalGuardian: Address;
  governorTimelock: Address;
  governorToken: Address;
  registryDatasetRegistry: Address;
  registryKillSwitch: Address;
  settings: {
    votingDelay: bigint;
    votingPeriod: bigint;
    proposalThreshold: bigint;
    quorumPercent: bigint;
    voteExtension: bigint;
  };
  totalSupply: bigint;
};

export type Check = { name: string; ok: boolean; detail: string };

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const sameSet = (actual: readonly string[], expected: readonly string[]) =>
  actual.length === expected.length && expected.every((e) => actual.some((a) => same(a, e)));
const list = (addresses: readonly string[]) => (addresses.length ? addresses.join(", ") : "nobody");

/** Compares what is on chain with what the module promises (README "Roles after deployment"). Pure. */
export function checkRoleMatrix(
  state: RoleState,
  expected: { contracts: Record<ContractName, Address>; deployer: Address; params: ModuleParameters },
): Check[] {
  const { contracts: c, deployer, params } = expected;
  const checks: Check[] = [];
  const exactly = (name: string, actual: Address[], want: Address[], who: string) =>
    checks.push({
      name,
      ok: sameSet(actual, want),
      detail: sameSet(actual, want) ? who : `expected ${who} (${list(want)}), found ${list(actual)}`,
    });
  const equal = (name: string, actual: Address, want: Address, who: string) =>
    checks.push({
      name,
      ok: same(actual, want),
      detail: same(actual, want) ? `${who} ${want}` : `expected ${who} ${want}, found ${actual}`,
    });

  exactly("Timelock DEFAULT_ADMIN_ROLE", state.timelock.admin, [c.timelock], "the timelock only");
  exactly("Timelock PROPOSER_ROLE", state.timelock.proposer, [c.governor], "the Governor only");
  exactly("Timelock CANCELLER_ROLE", state.timelock.canceller, [c.governor], "the Governor only");
  exactly("Timelock EXECUTOR_ROLE", state.timelock.executor, [zeroAddress], "everyone (address(0))");
  checks.push({
    name: "Timelock minimum delay",
    ok: state.minDelay === params.timelockDelay,
    detail: `${describeSeconds(state.minDelay)}${state.minDelay === params.timelockDelay ? "" : `, expected ${params.timelockDelay}`}`,
  });
  equal("Treasury owner", state.owners.treasury, c.timelock, "the timelock");
  equal("DatasetRegistry owner", state.owners.datasetRegistry, c.timelock, "the timelock");
  equal("KillSwitch owner", state.owners.killSwitch, c.timelock, "the timelock");
  exactly("ModelRegistry DEFAULT_ADMIN_ROLE", state.registryAdmins, [c.timelock], "the timelock only");
  exactly(
    "ModelRegistry MAINTAINER_ROLE",
    state.registryMaintainers,
    params.maintainers,
    params.maintainers.length ? "the configured maintainers" : "nobody, as configured",
  );
  equal("KillSwitch guardian", state.killSwitchGuardian, params.guardian, "the guardian");
  equal("Governor proposal guardian", state.proposalGuardian, params.guardian, "the guardian");
  equal("Governor timelock", state.governorTimelock, c.timelock, "the timelock");
  equal("Governor token", state.governorToken, c.token, "the token");
  equal("ModelRegistry dataset whitelist", state.registryDatasetRegistry, c.datasetRegistry, "the DatasetRegistry");
  equal("ModelRegistry kill switch", state.registryKillSwitch, c.killSwitch, "the KillSwitch");

  const settings = ["votingDelay", "votingPeriod", "proposalThreshold", "quorumPercent", "voteExtension"] as const;
  const wrong = settings.filter((key) => state.settings[key] !== params[key]);
  checks.push({
    name: "Governor settings",
    ok: wrong.length === 0,
    detail: wrong.length
      ? wrong.map((key) => `${key} ${state.settings[key]}, expected ${params[key]}`).join("; ")
      : `delay ${describeSeconds(params.votingDelay)}, period ${describeSeconds(params.votingPeriod)}, quorum ${params.quorumPercent}%`,
  });
  const supply = params.holderAmounts.reduce((a, b) => a + b, 0n) + params.treasuryTokens;
  checks.push({
    name: "Token supply",
    ok: state.totalSupply === supply,
    detail: state.totalSupply === supply ? `${formatEther(supply)} tokens` : `${state.totalSupply}, expected ${supply}`,
  });
  const deployerRoles = [
    ...(state.timelock.admin.some((a) => same(a, deployer)) ? ["timelock admin"] : []),
    ...(state.timelock.proposer.some((a) => same(a, deployer)) ? ["timelock proposer"] : []),
    ...(state.timelock.canceller.some((a) => same(a, deployer)) ? ["timelock canceller"] : []),
    ...(state.registryAdmins.some((a) => same(a, deployer)) ? ["registry admin"] : []),
  ];
  checks.push({
    name: "Deployer keeps no power",
    ok: deployerRoles.length === 0,
    detail: deployerRoles.length ? `${deployer} still holds: ${deployerRoles.join(", ")}` : `${deployer} holds no role`,
  });
  return checks;
}

type Receipt = ReturnType<typeof readJournal>["receipts"][number];

/** Accounts granted `role` on `contract` by the deployment's own transactions (RoleGranted in its receipts). */
function grantedInDeployment(receipts: Receipt[], contract: Address, abi: typeof abis.timelock) {
  const granted: { role: Hex; account: Address }[] = [];
  for (const receipt of receipts) {
    for (const log of receipt.logs) {
      if (!same(log.address, contract)) continue;
      try {
        const event = decodeEventLog({ abi, topics: log.topics as [Hex, ...Hex[]], data: log.data });
        if (event.eventName === "RoleGranted") granted.push({ role: event.args.role, account: event.args.account });
      } catch {
        // not an AccessControl event
      }
    }
  }
  return granted;
}

/** Reads everything {@link checkRoleMatrix} compares, from the chain (and the journal, to know whom to ask). */
export async function readRoleState(
  client: PublicClient,
  contracts: Record<ContractName, Address>,
  receipts: Receipt[],
  candidates: Address[],
): Promise<RoleState> {
  const c = contracts;
  const read = <T>(address: Address, abi: readonly unknown[], functionName: string, args: unknown[] = []) =>
    client.readContract({ address, abi, functionName, args } as never) as Promise<T>;
  const holders = async (contract: Address, abi: typeof abis.timelock, role: Hex) => {
    const granted = grantedInDeployment(receipts, contract, abi)
      .filter((g) => g.role === role)
      .map((g) => g.account);
    const accounts = [...new Set([...granted, ...candidates].map((a) => getAddress(a)))];
    const has = await Promise.all(accounts.map((a) => read<boolean>(contract, abi, "hasRole", [role, a])));
    return accounts.filter((_, i) => has[i]);
  };
  const maintainerRole = await read<Hex>(c.modelRegistry, abis.modelRegistry, "MAINTAINER_ROLE");
  const registryAbi = abis.modelRegistry as unknown as typeof abis.timelock;
  const [admin, proposer, executor, canceller, registryAdmins, registryMaintainers] = await Promise.all([
    holders(c.timelock, abis.timelock, TIMELOCK_ROLES.admin),
    holders(c.timelock, abis.timelock, TIMELOCK_ROLES.proposer),
    holders(c.timelock, abis.timelock, TIMELOCK_ROLES.executor),
    holders(c.timelock, abis.timelock, TIMELOCK_ROLES.canceller),
    holders(c.modelRegistry, registryAbi, TIMELOCK_ROLES.admin),
    holders(c.modelRegistry, registryAbi, maintainerRole),
  ]);
  const [minDelay, treasuryOwner, datasetOwner, killSwitchOwner, killSwitchGuardian, proposalGuardian] =
    await Promise.all([
      read<bigint>(c.timelock, abis.timelock, "getMinDelay"),
      read<Address>(c.treasury, abis.treasury, "owner"),
      read<Address>(c.datasetRegistry, abis.datasetRegistry, "owner"),
      read<Address>(c.killSwitch, abis.killSwitch, "owner"),
      read<Address>(c.killSwitch, abis.killSwitch, "guardian"),
      read<Address>(c.governor, abis.governor, "proposalGuardian"),
    ]);
  const [governorTimelock, governorToken, registryDatasetRegistry, registryKillSwitch, totalSupply] = await Promise.all(
    [
      read<Address>(c.governor, abis.governor, "timelock"),
      read<Address>(c.governor, abis.governor, "token"),
      read<Address>(c.modelRegistry, abis.modelRegistry, "datasetRegistry"),
      read<Address>(c.modelRegistry, abis.modelRegistry, "killSwitch"),
      read<bigint>(c.token, abis.token, "totalSupply"),
    ],
  );
  const [votingDelay, votingPeriod, proposalThreshold, quorumPercent, voteExtension] = await Promise.all([
    read<bigint>(c.governor, abis.governor, "votingDelay"),
    read<bigint>(c.governor, abis.governor, "votingPeriod"),
    read<bigint>(c.governor, abis.governor, "proposalThreshold"),
    read<bigint>(c.governor, abis.governor, "quorumNumerator"),
    read<bigint>(c.governor, abis.governor, "lateQuorumVoteExtension"),
  ]);
  return {
    timelock: { admin, proposer, executor, canceller },
    minDelay,
    registryAdmins,
    registryMaintainers,
    owners: { treasury: treasuryOwner, datasetRegistry: datasetOwner, killSwitch: killSwitchOwner },
    killSwitchGuardian,
    proposalGuardian,
    governorTimelock,
    governorToken,
    registryDatasetRegistry,
    registryKillSwitch,
    settings: {
      votingDelay: BigInt(votingDelay),
      votingPeriod: BigInt(votingPeriod),
      proposalThreshold,
      quorumPercent,
      voteExtension: BigInt(voteExtension),
    },
    totalSupply,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Network configuration (hardhat.config.ts)

/** Chain ids of well-known network names, so that e.g. a SEPOLIA_RPC_URL pointing at mainnet is refused. */
const KNOWN_CHAIN_IDS: Record<string, number> = { mainnet: 1, sepolia: 11_155_111, holesky: 17_000, hoodi: 560_048 };
/** Gas the whole deployment used on a local chain (10 transactions, 11 holders: 11.86M); the balance warning uses it. */
const DEPLOYMENT_GAS = 12_000_000n;

type ConfigVariable = { get(): Promise<string>; name?: string };

/** Resolves a Hardhat configuration variable (environment first, then the keystore) with a message that says how. */
async function resolveVariable(variable: ConfigVariable, what: string, network: string) {
  if (variable.name && process.env[variable.name] === "") {
    throw new DeployError(
      `${variable.name} is set but empty (${what} for network ${network}); an empty variable also hides the ` +
        `keystore's value: unset it (or comment out its line in .env), or give it a value`,
    );
  }
  try {
    return await variable.get();
  } catch (error) {
    const name = variable.name;
    const reason = (error as Error).message.split("\n")[0];
    if (!name || !/not found/i.test(reason)) {
      throw new DeployError(`${name ?? what} could not be read (${what} for network ${network}): ${reason}`);
    }
    const ci = process.env.CI !== undefined ? " (the keystore is not read when CI is set)" : "";
    throw new DeployError(
      `${name} is not set (${what} for network ${network}): export ${name}=… in the environment, ` +
        `or store it in Hardhat's keystore with \`npx hardhat keystore set ${name}\`${ci}`,
    );
  }
}

type NetworkSetup = {
  url: string;
  /** The configuration variable the URL came from (SEPOLIA_RPC_URL), if any. */
  urlVariable: string | undefined;
  headers: Record<string, string>;
  /** undefined: the node's own first account (`accounts: "remote"`). */
  deployer: Address | undefined;
  expectedChainId: number | undefined;
  /** Values resolved from configuration variables, handed to the Ignition child so it never prompts. */
  env: Record<string, string>;
};

async function resolveNetwork(network: string): Promise<NetworkSetup> {
  const { default: hre } = await import("hardhat");
  const config = hre.config.networks[network];
  if (!config) {
    throw new DeployError(
      `unknown network "${network}": hardhat.config.ts defines ${Object.keys(hre.config.networks)
        .filter((n) => hre.config.networks[n].type === "http")
        .join(", ")}`,
    );
  }
  if (config.type !== "http") {
    throw new DeployError(
      `network "${network}" is an in-process simulation that ends with this command: deploy to a running node ` +
        `(\`--network localhost\` with \`npm start\` or \`npx hardhat node\`) or to a public network`,
    );
  }
  const env: Record<string, string> = {};
  const remember = (variable: ConfigVariable, value: string) => {
    if (variable.name) env[variable.name] = value;
  };
  const urlVariable = config.url as unknown as ConfigVariable;
  const url = await resolveVariable(urlVariable, "the RPC URL", network);
  remember(urlVariable, url);
  try {
    new URL(url);
  } catch {
    throw new DeployError(`the RPC URL for network ${network} is not a URL: ${redactUrl(url)}`);
  }

  let deployer: Address | undefined;
  const accounts = config.accounts;
  if (Array.isArray(accounts)) {
    const keyVariable = accounts[0] as unknown as ConfigVariable | undefined;
    if (!keyVariable) throw new DeployError(`network ${network} has an empty accounts list in hardhat.config.ts`);
    const key = (await resolveVariable(keyVariable, "the deployer's private key", network)).trim();
    remember(keyVariable, key);
    const hex = (key.startsWith("0x") ? key : `0x${key}`) as Hex;
    if (!/^0x[0-9a-fA-F]{64}$/.test(hex)) {
      throw new DeployError(
        `${keyVariable.name ?? "the deployer's private key"} is not a private key (32 bytes, 64 hex digits)`,
      );
    }
    deployer = privateKeyToAccount(hex).address;
  } else if (accounts !== "remote") {
    const mnemonicVariable = accounts.mnemonic as unknown as ConfigVariable;
    const mnemonic = await resolveVariable(mnemonicVariable, "the deployer's mnemonic", network);
    remember(mnemonicVariable, mnemonic);
    const passphraseVariable = accounts.passphrase as unknown as ConfigVariable;
    const passphrase = await resolveVariable(passphraseVariable, "the mnemonic's passphrase", network);
    remember(passphraseVariable, passphrase);
    deployer = mnemonicToAccount(mnemonic, {
      path: `${accounts.path}/${accounts.initialIndex}` as `m/44'/60'/${string}`,
      passphrase: passphrase || undefined,
    }).address;
  }
  return {
    url,
    urlVariable: urlVariable.name,
    headers: config.httpHeaders,
    deployer,
    expectedChainId: config.chainId ?? KNOWN_CHAIN_IDS[network],
    env,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The command

/** A path relative to the repository when inside it, else absolute. */
function display(file: string) {
  const relative = path.relative(root, file);
  return relative.startsWith("..") || path.isAbsolute(relative) ? file : relative;
}

function usage() {
  return [
    "usage: npm run deploy -- --network <name> [--parameters <file>] [--gateway <url>] [--allow-short-periods]",
    "                          [--build-profile <profile>]",
    "  --parameters           Ignition parameters file (default ignition/parameters/<network>.json)",
    "  --gateway              public trustless gateway recorded in the deployments file (else PUBLIC_GATEWAY_URL)",
    "  --allow-short-periods  accept a voting period or timelock delay under 1 day on a public network",
    "  --build-profile        Hardhat build profile for the contracts (default: Ignition's, production)",
  ].join("\n");
}

function runIgnition(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [HARDHAT_CLI, ...args], {
    cwd: root,
    env: {
      ...process.env,
      ...env,
      HARDHAT_DISABLE_TELEMETRY: "true",
      CI: "true",
      // Ignition asks "Confirm deploy to network …?" on every chain but 31337; the checks above replace it.
      HARDHAT_IGNITION_CONFIRM_DEPLOYMENT: "true",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  const handlers = (["SIGINT", "SIGTERM"] as const).map((signal) => [signal, forward(signal)] as const);
  for (const [signal, handler] of handlers) process.on(signal, handler);
  return new Promise<number>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code, signal) => {
      for (const [s, handler] of handlers) process.off(s, handler);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

/** Set once Ignition starts: an error before it means nothing was sent. */
let sending = false;

export async function deploy(argv: string[]) {
  const started = performance.now();
  const { values } = parseArgs({
    args: argv,
    options: {
      network: { type: "string" },
      parameters: { type: "string" },
      gateway: { type: "string" },
      "allow-short-periods": { type: "boolean", default: false },
      "build-profile": { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(usage());
    return;
  }
  const network = values.network;
  if (!network) throw new DeployError(`--network is required\n${usage()}`);
  const parametersFile = path.resolve(
    root,
    values.parameters ?? path.join("ignition", "parameters", `${network}.json`),
  );
  const parametersLabel = path.relative(root, parametersFile);

  // 1. The parameters, before anything touches a network.
  const parameters = readParametersFile(parametersFile);
  const problems = validateParameters(network, parameters, { allowShortPeriods: values["allow-short-periods"] });
  if (problems.length) {
    throw new DeployError(
      `${parametersLabel} is not ready for ${network} (${problems.length} problem${problems.length > 1 ? "s" : ""}):\n` +
        problems.map((p) => `  - ${p}`).join("\n") +
        "\nNothing was sent.",
    );
  }
  const params = effectiveParameters(parameters);
  const { gatewayUrl, ignored } = chooseGateway(values.gateway ?? process.env.PUBLIC_GATEWAY_URL);
  const publicRpcUrl = process.env.PUBLIC_RPC_URL;
  if (publicRpcUrl) {
    if (!URL.canParse(publicRpcUrl)) throw new DeployError(`PUBLIC_RPC_URL is not a URL: ${redactUrl(publicRpcUrl)}`);
    if (looksLikeSecretUrl(publicRpcUrl)) {
      throw new DeployError(
        `PUBLIC_RPC_URL ${redactUrl(publicRpcUrl)} looks like it carries an API key, and it is written to the ` +
          `deployments file everyone reads: set it to a public endpoint (or unset it to record the URL used). Nothing was sent.`,
      );
    }
  }
  console.log(`parameters: ${parametersLabel} checked for ${network}`);

  // 2. The network: URL, key, chain id, balance.
  const setup = await resolveNetwork(network);
  const client = createPublicClient({
    transport: http(setup.url, { retryCount: 0, timeout: 15_000, fetchOptions: { headers: setup.headers } }),
  });
  let chainId: number;
  try {
    chainId = await client.getChainId();
  } catch (error) {
    const hint =
      network === "localhost"
        ? "start one with `npm start` or `npx hardhat node`, or point RPC_URL at it"
        : `check ${setup.urlVariable ?? `the RPC URL configured for ${network} in hardhat.config.ts`}`;
    throw new DeployError(
      `the ${network} node at ${redactUrl(setup.url)} does not answer (${describeError(error)}): ${hint}. Nothing was sent.`,
    );
  }
  if (setup.expectedChainId !== undefined && chainId !== setup.expectedChainId) {
    throw new DeployError(
      `the RPC URL for ${network} (${redactUrl(setup.url)}) serves chain ${chainId}, not ${setup.expectedChainId}. Nothing was sent.`,
    );
  }
  const blockNumber = await client.getBlockNumber();
  console.log(`network: ${network}, chain ${chainId} at ${redactUrl(setup.url)}, block ${blockNumber}`);
  let deployer = setup.deployer;
  if (!deployer) {
    const accounts = (await client.request({ method: "eth_accounts" } as never)) as Address[];
    if (!accounts.length) {
      throw new DeployError(
        `the node at ${redactUrl(setup.url)} has no unlocked account to deploy from: configure accounts for ${network} in hardhat.config.ts`,
      );
    }
    deployer = getAddress(accounts[0]);
  }
  const balance = await client.getBalance({ address: deployer });
  if (balance === 0n) {
    throw new DeployError(
      `the deployer ${deployer} has no ETH on chain ${chainId}: fund it${network === "sepolia" ? " (a Sepolia faucet)" : ""} before deploying. Nothing was sent.`,
    );
  }
  const gasPrice = await client.getGasPrice().catch(() => 0n);
  const estimate = gasPrice * DEPLOYMENT_GAS;
  console.log(`deployer: ${deployer}, balance ${formatEther(balance)} ETH`);
  if (balance < estimate) {
    console.warn(
      `warning: the deployment uses about ${DEPLOYMENT_GAS / 1_000_000n}M gas, ${formatEther(estimate)} ETH at the current gas price; ` +
        `the deployer has ${formatEther(balance)}. If it runs out, fund it and run the same command again: Ignition resumes.`,
    );
  }

  const rpcUrl = recordedRpcUrl(setup.url);
  if (!process.env.PUBLIC_RPC_URL && looksLikeSecretUrl(rpcUrl)) {
    console.warn(
      `warning: the RPC URL ${redactUrl(setup.url)} looks like it carries an API key and will be written to the ` +
        `deployments file, which is meant to be committed. Set PUBLIC_RPC_URL to a public endpoint to record that instead.`,
    );
  }
  if (ignored.length) {
    console.warn(
      `warning: the deployments file records one gateway, ${gatewayUrl}; not recorded: ${ignored.join(", ")}`,
    );
  }

  // 3. Ignition, through Hardhat's CLI.
  const deploymentId = ignitionDeploymentId(chainId);
  const args = [
    ...(values["build-profile"] ? ["--build-profile", values["build-profile"]] : []),
    "ignition",
    "deploy",
    MODULE_PATH,
    "--network",
    network,
    "--parameters",
    parametersFile,
    "--deployment-id",
    deploymentId,
  ];
  console.log(`running: hardhat ${args.join(" ")}`);
  sending = true;
  const code = await runIgnition(args, setup.env);
  if (code !== 0) {
    throw new DeployError(
      `ignition deploy failed (exit ${code}). Fix the cause above and run the same command again: Ignition resumes ` +
        `from its journal in ignition/deployments/${deploymentId}. No deployments file was written.`,
    );
  }

  // 4. Verify on chain, then record.
  const journal = readJournal(deploymentId);
  const contracts = readIgnitionAddresses(chainId);
  const candidates = [deployer, params.guardian, ...params.maintainers, ...Object.values(contracts), zeroAddress];
  const state = await readRoleState(client as PublicClient, contracts, journal.receipts, candidates);
  const checks = checkRoleMatrix(state, { contracts, deployer, params });

  console.log(`\nModelDAO on ${network} (chain ${chainId}), deployed from block ${journal.startBlock}`);
  console.log(`  ${"Contract".padEnd(16)} Address`);
  for (const name of CONTRACT_NAMES) console.log(`  ${name.padEnd(16)} ${contracts[name]}`);
  console.log(`  ${"guardian".padEnd(16)} ${params.guardian}`);
  console.log(`\n  ${"Role check".padEnd(39)} Result`);
  for (const check of checks) {
    console.log(`  ${check.ok ? "PASS" : "FAIL"} ${check.name.padEnd(34)} ${check.detail}`);
  }
  const failed = checks.filter((check) => !check.ok);
  if (failed.length) {
    throw new DeployError(
      `${failed.length} of ${checks.length} role checks FAILED (above): this deployment does not match the module's ` +
        `role matrix. ${display(deploymentPath(chainId))} was NOT written; the addresses are in ` +
        `ignition/deployments/${deploymentId}/deployed_addresses.json.`,
    );
  }
  const deployment: Deployment = {
    chainId,
    rpcUrl,
    startBlock: journal.startBlock,
    contracts,
    gatewayUrl,
  };
  const file = writeDeployment(deployment);
  const shown = display(file);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`\nAll ${checks.length} role checks passed.`);
  console.log(`deployment: ${shown} (chain ${chainId}, start block ${journal.startBlock}) in ${seconds} s`);
  if (!LOCAL_NETWORKS.includes(network)) {
    console.log(`Commit ${shown} so that scripts, the dApp and the subgraph find this deployment.`);
  }
}

if (import.meta.main) {
  process.chdir(root);
  deploy(process.argv.slice(2)).catch((error) => {
    const message = error instanceof DeployError ? error.message : ((error as Error).stack ?? String(error));
    console.error(`deploy ${sending ? "failed" : "refused"}: ${message}`);
    process.exit(1);
  });
}
