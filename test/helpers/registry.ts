import type { NetworkConnection } from "hardhat/types/network";
import { keccak256, toHex, type Address, type Hex } from "viem";
import { deployDao, id, selfDelegateAll, type Dao } from "./dao.js";

/** The registries' status enums, as the contracts number them. */
export const DatasetStatus = { Unknown: 0, Approved: 1, Revoked: 2 } as const;
export const VersionStatus = { None: 0, Candidate: 1, Active: 2, Superseded: 3, Retired: 4, Revoked: 5 } as const;

/** A non-zero bytes32 derived from a label, for manifest and card digests. */
export function digest(label: string): Hex {
  return keccak256(toHex(label));
}

/** A CIDv1-looking string; only its length matters to the contracts. */
export function cid(label: string): string {
  return `bafybeig${label.padEnd(51, "a")}`;
}

export type DatasetInput = {
  id: Hex;
  cid: string;
  manifestDigest: Hex;
  cardDigest: Hex;
  license: string;
  source: string;
  creator: string;
};

/** A valid DatasetInput for the dataset named `name`; override any field to make it invalid. */
export function datasetInput(name: string, overrides: Partial<DatasetInput> = {}): DatasetInput {
  return {
    id: id(name),
    cid: cid(name),
    manifestDigest: digest(`${name}/manifest`),
    cardDigest: digest(`${name}/card`),
    license: "CC-BY-SA-3.0",
    source: "https://archive.ics.uci.edu/dataset/80",
    creator: "E. Alpaydin, C. Kaynak",
    ...overrides,
  };
}

export type ModelVersionInput = {
  modelId: Hex;
  parentVersion: number;
  cid: string;
  manifestDigest: Hex;
  cardDigest: Hex;
  trainingDatasets: readonly Hex[];
  evaluationDataset: Hex;
  claimedAccuracyBps: number;
  claimedMacroF1Bps: number;
};

/** Dataset names approved by {registryFixture}. */
export const TRAIN = "digits-train";
export const EXTRA = "digits-extra";
export const EVAL = "digits-eval";
export const MODEL = "digits";

/**
 * A valid ModelVersionInput for model `digits` trained on `digits-train` and evaluated on `digits-eval` (both approved
 * by {registryFixture}); `label` varies the content address so that versions differ.
 */
export function versionInput(label = "v1", overrides: Partial<ModelVersionInput> = {}): ModelVersionInput {
  return {
    modelId: id(MODEL),
    parentVersion: 0,
    cid: cid(`digits-${label}`),
    manifestDigest: digest(`digits/${label}/manifest`),
    cardDigest: digest(`digits/${label}/card`),
    trainingDatasets: [id(TRAIN)],
    evaluationDataset: id(EVAL),
    claimedAccuracyBps: 9650,
    claimedMacroF1Bps: 9640,
    ...overrides,
  };
}

/**
 * Lets tests send transactions as the timelock (the owner of every governed contract) without a full proposal:
 * impersonates it and funds it for gas. Returns its address, to pass as `{ account }`.
 */
export async function impersonateTimelock(dao: Dao): Promise<Address> {
  const timelock = dao.timelock.address as Address;
  await dao.connection.networkHelpers.impersonateAccount(timelock);
  await dao.connection.networkHelpers.setBalance(timelock, 10n ** 20n);
  return timelock;
}

/**
 * The DAO deployed through the Ignition module, holders self-delegated (so passProposal works), the timelock
 * impersonated, and the datasets TRAIN, EXTRA and EVAL approved. Use with `networkHelpers.loadFixture`.
 */
export async function registryFixture(connection: NetworkConnection) {
  const dao = await deployDao(connection);
  await selfDelegateAll(dao);
  const governance = await impersonateTimelock(dao);
  for (const name of [TRAIN, EXTRA, EVAL]) {
    await dao.datasetRegistry.write.approveDataset([datasetInput(name)], { account: governance });
  }
  return { dao, governance };
}

/** The DAO deployed through the Ignition module, holders self-delegated, the timelock impersonated. */
export async function governedDaoFixture(connection: NetworkConnection) {
  const dao = await deployDao(connection);
  await selfDelegateAll(dao);
  const governance = await impersonateTimelock(dao);
  return { dao, governance };
}

/** Waits for a transaction and returns the timestamp of the block that included it. */
export async function minedAt(dao: Dao, hash: Hex | Promise<Hex>): Promise<bigint> {
  const receipt = await dao.publicClient.waitForTransactionReceipt({ hash: await hash });
  const block = await dao.publicClient.getBlock({ blockHash: receipt.blockHash });
  return block.timestamp;
}
