// Pure derivations of the registry's pages: versions merged from storage and events, the lineage from datasets to
// versions, the dataset → versions index and the history in time order. Hooks (useRegistry.ts) only fetch.
import type { Address, Hex } from "viem";
import { idToName } from "../../shared/format.ts";

/** ModelRegistry.VersionStatus, in the contract's order. */
export const VERSION_STATUS = ["None", "Candidate", "Active", "Superseded", "Retired", "Revoked"] as const;
export type VersionStatusName = (typeof VERSION_STATUS)[number];

export function versionStatusName(status: number): VersionStatusName {
  return VERSION_STATUS[status] ?? "None";
}

/** DatasetRegistry.DatasetStatus, in the contract's order. */
export const DATASET_STATUS = ["Unknown", "Approved", "Revoked"] as const;
export type DatasetStatusName = (typeof DATASET_STATUS)[number];

export function datasetStatusName(status: number): DatasetStatusName {
  return DATASET_STATUS[status] ?? "Unknown";
}

/** Where an event sits in the chain, so events from different contracts can be put in one order. */
export type EventPosition = { blockNumber: bigint; logIndex: number; timestamp: number | null };

/** What `ModelVersionSubmitted` carries (the CID, card digest and training datasets are not in storage). */
export type SubmittedVersion = EventPosition & {
  modelId: Hex;
  version: number;
  submitter: Address;
  parentVersion: number;
  cid: string;
  manifestDigest: Hex;
  cardDigest: Hex;
  trainingDatasets: Hex[];
  evaluationDataset: Hex;
  claimedAccuracyBps: number;
  claimedMacroF1Bps: number;
};

/** What `getVersion` returns: the current status and when it was activated. */
export type StoredVersion = {
  status: number;
  manifestDigest: Hex;
  submittedAt: number;
  activatedAt: number;
};

export type ModelVersionView = Omit<SubmittedVersion, "blockNumber" | "logIndex" | "timestamp"> & {
  status: VersionStatusName;
  submittedAt: number;
  activatedAt: number | null;
  isActive: boolean;
};

/**
 * One row per version, newest first. Storage is the authority for status and digest (the event is only the
 * submission); a stored version without its event (a node that pruned logs) is left out rather than shown half-empty.
 */
export function mergeVersions(
  submitted: SubmittedVersion[],
  stored: Map<number, StoredVersion>,
  activeVersion: number,
): ModelVersionView[] {
  return submitted
    .map((event) => {
      const record = stored.get(event.version);
      return {
        modelId: event.modelId,
        version: event.version,
        submitter: event.submitter,
        parentVersion: event.parentVersion,
        cid: event.cid,
        manifestDigest: record?.manifestDigest ?? event.manifestDigest,
        cardDigest: event.cardDigest,
        trainingDatasets: event.trainingDatasets,
        evaluationDataset: event.evaluationDataset,
        claimedAccuracyBps: event.claimedAccuracyBps,
        claimedMacroF1Bps: event.claimedMacroF1Bps,
        status: versionStatusName(record?.status ?? 1),
        submittedAt: record?.submittedAt ?? event.timestamp ?? 0,
        activatedAt: record && record.activatedAt > 0 ? record.activatedAt : null,
        isActive: event.version === activeVersion,
      };
    })
    .sort((a, b) => b.version - a.version);
}

export type LineageNode = {
  version: number;
  status: VersionStatusName;
  parentVersion: number;
  /** Nesting under its parent: 0 for a version trained from scratch. */
  depth: number;
  training: string[];
  evaluation: string;
};

/**
 * Versions as a tree (parent above child, siblings oldest first), each with the datasets it was trained and evaluated
 * on: reads top-down as "datasets → version → child versions". A parent that does not exist is treated as a root, so
 * a malformed record never hides a version.
 */
export function buildLineage(versions: ModelVersionView[]): LineageNode[] {
  const known = new Set(versions.map((v) => v.version));
  const children = new Map<number, ModelVersionView[]>();
  for (const version of versions) {
    const parent =
      known.has(version.parentVersion) && version.parentVersion !== version.version ? version.parentVersion : 0;
    const list = children.get(parent) ?? [];
    list.push(version);
    children.set(parent, list);
  }
  const nodes: LineageNode[] = [];
  const visited = new Set<number>();
  const visit = (parent: number, depth: number) => {
    const list = (children.get(parent) ?? []).slice().sort((a, b) => a.version - b.version);
    for (const version of list) {
      if (visited.has(version.version)) continue;
      visited.add(version.version);
      nodes.push({
        version: version.version,
        status: version.status,
        parentVersion: version.parentVersion,
        depth,
        training: version.trainingDatasets.map(idToName),
        evaluation: idToName(version.evaluationDataset),
      });
      visit(version.version, depth + 1);
    }
  };
  visit(0, 0);
  return nodes;
}

export type DatasetUse = { modelName: string; version: number; role: "training" | "evaluation" };

/** For each dataset id, the model versions that name it, in submission order. */
export function datasetUsage(submitted: SubmittedVersion[]): Map<Hex, DatasetUse[]> {
  const usage = new Map<Hex, DatasetUse[]>();
  const add = (id: Hex, use: DatasetUse) => {
    const key = id.toLowerCase() as Hex;
    usage.set(key, [...(usage.get(key) ?? []), use]);
  };
  const ordered = submitted.slice().sort(compareEventPositions);
  for (const event of ordered) {
    const modelName = idToName(event.modelId);
    for (const id of event.trainingDatasets) add(id, { modelName, version: event.version, role: "training" });
    add(event.evaluationDataset, { modelName, version: event.version, role: "evaluation" });
  }
  return usage;
}

export function usesOf(usage: Map<Hex, DatasetUse[]>, datasetId: Hex): DatasetUse[] {
  return usage.get(datasetId.toLowerCase() as Hex) ?? [];
}

export type HistoryKind =
  | "submitted"
  | "activated"
  | "rolled-back"
  | "retired"
  | "revoked"
  | "model-paused"
  | "model-unpaused"
  | "all-paused"
  | "all-unpaused";

export type HistoryEntry = EventPosition & {
  kind: HistoryKind;
  version: number | null;
  previousVersion: number | null;
  reason: string | null;
  actor: Address | null;
};

export function compareEventPositions(a: EventPosition, b: EventPosition): number {
  if (a.blockNumber !== b.blockNumber) return a.blockNumber < b.blockNumber ? -1 : 1;
  return a.logIndex - b.logIndex;
}

/** Every registry and kill-switch event about a model, oldest first (block, then position in the block). */
export function orderHistory(entries: HistoryEntry[]): HistoryEntry[] {
  return entries.slice().sort(compareEventPositions);
}

/** One sentence per history entry, e.g. "v2 activated, replacing v1". */
export function describeHistoryEntry(entry: HistoryEntry): string {
  const v = entry.version !== null ? `v${entry.version}` : "";
  const previous = entry.previousVersion ? `, replacing v${entry.previousVersion}` : "";
  switch (entry.kind) {
    case "submitted":
      return `${v} submitted${entry.previousVersion ? ` (parent v${entry.previousVersion})` : ""}`;
    case "activated":
      return `${v} activated${previous}`;
    case "rolled-back":
      return `Rolled back to ${v}${previous}`;
    case "retired":
      return `${v} retired`;
    case "revoked":
      return `${v} revoked`;
    case "model-paused":
      return "Model paused by the kill switch";
    case "model-unpaused":
      return "Model unpaused by governance";
    case "all-paused":
      return "Every model paused by the kill switch";
    case "all-unpaused":
      return "Global pause lifted by governance";
  }
}

/** The block numbers whose timestamps a page still needs, without repeats. */
export function uniqueBlockNumbers(positions: EventPosition[]): bigint[] {
  return [...new Set(positions.map((p) => p.blockNumber))];
}

export type ModelPause = {
  paused: boolean;
  scope: "all" | "model" | null;
  reason: string | null;
  since: number | null;
};

type PauseInput = {
  global: { paused: boolean; reason: string | null; since: number | null };
  models: Record<Hex, { paused: boolean; reason: string | null; since: number | null }>;
};

/** Whether a model may not serve now and why: the global pause wins, since it stops every model. */
export function pauseForModel(state: PauseInput | undefined, modelId: Hex): ModelPause {
  if (!state) return { paused: false, scope: null, reason: null, since: null };
  if (state.global.paused)
    return { paused: true, scope: "all", reason: state.global.reason, since: state.global.since };
  const own =
    state.models[modelId] ??
    Object.entries(state.models).find(([id]) => id.toLowerCase() === modelId.toLowerCase())?.[1];
  if (own?.paused) return { paused: true, scope: "model", reason: own.reason, since: own.since };
  return { paused: false, scope: null, reason: null, since: null };
}
