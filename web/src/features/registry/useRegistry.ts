// Registry reads: storage for what is current (status, active version, whitelist status), events for what storage
// does not keep (CIDs, training datasets, provenance, reasons) and for the history.
import { useQuery } from "@tanstack/react-query";
import type { Hex } from "viem";
import { abis } from "../../contracts/abis.ts";
import { contractAddress, deployment, startBlock } from "../../config/deployment.ts";
import { readBlockTimestamps } from "../../shared/chain/blockTimes.ts";
import { publicClient, requirePublicClient } from "../../shared/chain/client.ts";
import { getEventsChunked } from "../../shared/chain/logs.ts";
import { idToName } from "../../shared/format.ts";
import {
  datasetStatusName,
  mergeVersions,
  orderHistory,
  type DatasetStatusName,
  type HistoryEntry,
  type ModelVersionView,
  type StoredVersion,
  type SubmittedVersion,
} from "./registryModel.ts";

const enabled = publicClient !== null && deployment !== null;

export type ModelSummary = { id: Hex; name: string; versionCount: number; activeVersion: number };

export function useModelList() {
  return useQuery({ queryKey: ["chain", "registry", "models"], enabled, queryFn: readModelList });
}

async function readModelList(): Promise<ModelSummary[]> {
  const client = requirePublicClient();
  const registry = contractAddress("modelRegistry");
  const ids = await client.readContract({ address: registry, abi: abis.modelRegistry, functionName: "modelIds" });
  const models = await Promise.all(
    ids.map((id) =>
      client.readContract({ address: registry, abi: abis.modelRegistry, functionName: "getModel", args: [id] }),
    ),
  );
  return ids.map((id, index) => ({
    id,
    name: idToName(id),
    versionCount: models[index].versionCount,
    activeVersion: models[index].activeVersion,
  }));
}

/** Every submission of every model, from `ModelVersionSubmitted` (with block timestamps). */
export function useAllSubmissions() {
  return useQuery({
    queryKey: ["chain", "registry", "submissions"],
    enabled,
    queryFn: () => readSubmissions(undefined),
  });
}

async function readSubmissions(modelId: Hex | undefined): Promise<SubmittedVersion[]> {
  const client = requirePublicClient();
  const logs = await getEventsChunked(client, {
    address: contractAddress("modelRegistry"),
    abi: abis.modelRegistry,
    eventName: "ModelVersionSubmitted",
    args: modelId ? { modelId } : undefined,
    fromBlock: startBlock,
  });
  const times = await readBlockTimestamps(
    client,
    logs.map((log) => log.blockNumber),
  );
  return logs.map((log) => ({
    blockNumber: log.blockNumber,
    logIndex: log.logIndex,
    timestamp: times.get(log.blockNumber) ?? null,
    modelId: log.args.modelId,
    version: log.args.version,
    submitter: log.args.submitter,
    parentVersion: log.args.input.parentVersion,
    cid: log.args.input.cid,
    manifestDigest: log.args.input.manifestDigest,
    cardDigest: log.args.input.cardDigest,
    trainingDatasets: [...log.args.input.trainingDatasets],
    evaluationDataset: log.args.input.evaluationDataset,
    claimedAccuracyBps: log.args.input.claimedAccuracyBps,
    claimedMacroF1Bps: log.args.input.claimedMacroF1Bps,
  }));
}

export type ModelDetail = {
  id: Hex;
  exists: boolean;
  versionCount: number;
  activeVersion: number;
  versions: ModelVersionView[];
  history: HistoryEntry[];
};

export function useModelDetail(modelId: Hex) {
  return useQuery({
    queryKey: ["chain", "registry", "model", modelId],
    enabled,
    queryFn: () => readModelDetail(modelId),
  });
}

async function readModelDetail(modelId: Hex): Promise<ModelDetail> {
  const client = requirePublicClient();
  const registry = contractAddress("modelRegistry");
  const model = await client.readContract({
    address: registry,
    abi: abis.modelRegistry,
    functionName: "getModel",
    args: [modelId],
  });
  if (model.versionCount === 0)
    return { id: modelId, exists: false, versionCount: 0, activeVersion: 0, versions: [], history: [] };
  const versionNumbers = Array.from({ length: model.versionCount }, (_, index) => index + 1);
  const [submitted, records, history] = await Promise.all([
    readSubmissions(modelId),
    Promise.all(
      versionNumbers.map((version) =>
        client.readContract({
          address: registry,
          abi: abis.modelRegistry,
          functionName: "getVersion",
          args: [modelId, version],
        }),
      ),
    ),
    readModelHistory(modelId),
  ]);
  const stored = new Map<number, StoredVersion>(
    records.map((record, index) => [
      versionNumbers[index],
      {
        status: record.status,
        manifestDigest: record.manifestDigest,
        submittedAt: record.submittedAt,
        activatedAt: record.activatedAt,
      },
    ]),
  );
  return {
    id: modelId,
    exists: true,
    versionCount: model.versionCount,
    activeVersion: model.activeVersion,
    versions: mergeVersions(submitted, stored, model.activeVersion),
    history,
  };
}

type PartialEntry = Omit<HistoryEntry, "timestamp">;

/** Registry lifecycle events of one model plus the kill switch's pauses (its own and the global ones). */
async function readModelHistory(modelId: Hex): Promise<HistoryEntry[]> {
  const client = requirePublicClient();
  const registry = {
    address: contractAddress("modelRegistry"),
    abi: abis.modelRegistry,
    fromBlock: startBlock,
  } as const;
  const killSwitch = { address: contractAddress("killSwitch"), abi: abis.killSwitch, fromBlock: startBlock } as const;
  const byModel = { modelId };
  const [submitted, activated, rolledBack, retired, revoked, paused, unpaused, allPaused, allUnpaused] =
    await Promise.all([
      getEventsChunked(client, { ...registry, eventName: "ModelVersionSubmitted", args: byModel }),
      getEventsChunked(client, { ...registry, eventName: "ModelVersionActivated", args: byModel }),
      getEventsChunked(client, { ...registry, eventName: "ModelRolledBack", args: byModel }),
      getEventsChunked(client, { ...registry, eventName: "ModelVersionRetired", args: byModel }),
      getEventsChunked(client, { ...registry, eventName: "ModelVersionRevoked", args: byModel }),
      getEventsChunked(client, { ...killSwitch, eventName: "ModelPaused", args: byModel }),
      getEventsChunked(client, { ...killSwitch, eventName: "ModelUnpaused", args: byModel }),
      getEventsChunked(client, { ...killSwitch, eventName: "AllPaused" }),
      getEventsChunked(client, { ...killSwitch, eventName: "AllUnpaused" }),
    ]);
  const at = (log: { blockNumber: bigint; logIndex: number }) => ({
    blockNumber: log.blockNumber,
    logIndex: log.logIndex,
  });
  const none = { version: null, previousVersion: null, reason: null, actor: null };
  const entries: PartialEntry[] = [
    ...submitted.map((log) => ({
      ...at(log),
      ...none,
      kind: "submitted" as const,
      version: log.args.version,
      previousVersion: log.args.input.parentVersion || null,
      actor: log.args.submitter,
    })),
    ...activated.map((log) => ({
      ...at(log),
      ...none,
      kind: "activated" as const,
      version: log.args.version,
      previousVersion: log.args.previousVersion || null,
    })),
    ...rolledBack.map((log) => ({
      ...at(log),
      ...none,
      kind: "rolled-back" as const,
      version: log.args.version,
      previousVersion: log.args.previousVersion || null,
    })),
    ...retired.map((log) => ({
      ...at(log),
      ...none,
      kind: "retired" as const,
      version: log.args.version,
      reason: log.args.reason,
    })),
    ...revoked.map((log) => ({
      ...at(log),
      ...none,
      kind: "revoked" as const,
      version: log.args.version,
      reason: log.args.reason,
    })),
    ...paused.map((log) => ({
      ...at(log),
      ...none,
      kind: "model-paused" as const,
      reason: log.args.reason,
      actor: log.args.by,
    })),
    ...unpaused.map((log) => ({ ...at(log), ...none, kind: "model-unpaused" as const, reason: log.args.reason })),
    ...allPaused.map((log) => ({
      ...at(log),
      ...none,
      kind: "all-paused" as const,
      reason: log.args.reason,
      actor: log.args.by,
    })),
    ...allUnpaused.map((log) => ({ ...at(log), ...none, kind: "all-unpaused" as const, reason: log.args.reason })),
  ];
  const times = await readBlockTimestamps(
    client,
    entries.map((entry) => entry.blockNumber),
  );
  return orderHistory(entries.map((entry) => ({ ...entry, timestamp: times.get(entry.blockNumber) ?? null })));
}

export type DatasetView = {
  id: Hex;
  name: string;
  cid: string;
  manifestDigest: Hex;
  cardDigest: Hex;
  license: string;
  source: string;
  creator: string;
  status: DatasetStatusName;
  approvedAt: number;
  revokedAt: number | null;
  revokedReason: string | null;
};

/** The whitelist: provenance from `DatasetApproved`, status from storage, reasons from `DatasetRevoked`. */
export function useDatasets() {
  return useQuery({ queryKey: ["chain", "registry", "datasets"], enabled, queryFn: readDatasets });
}

async function readDatasets(): Promise<DatasetView[]> {
  const client = requirePublicClient();
  const address = contractAddress("datasetRegistry");
  const [approved, revoked] = await Promise.all([
    getEventsChunked(client, {
      address,
      abi: abis.datasetRegistry,
      eventName: "DatasetApproved",
      fromBlock: startBlock,
    }),
    getEventsChunked(client, {
      address,
      abi: abis.datasetRegistry,
      eventName: "DatasetRevoked",
      fromBlock: startBlock,
    }),
  ]);
  const records = await Promise.all(
    approved.map((log) =>
      client.readContract({ address, abi: abis.datasetRegistry, functionName: "getDataset", args: [log.args.id] }),
    ),
  );
  return approved.map((log, index) => {
    const record = records[index];
    const input = log.args.dataset;
    const revocation = revoked.filter((entry) => entry.args.id === log.args.id).at(-1);
    return {
      id: log.args.id,
      name: idToName(log.args.id),
      cid: input.cid,
      manifestDigest: record.manifestDigest,
      cardDigest: input.cardDigest,
      license: input.license,
      source: input.source,
      creator: input.creator,
      status: datasetStatusName(record.status),
      approvedAt: record.approvedAt,
      revokedAt: record.revokedAt > 0 ? record.revokedAt : null,
      revokedReason: revocation?.args.reason ?? null,
    };
  });
}
