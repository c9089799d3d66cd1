import { describe, expect, it } from "vitest";
import type { Address, Hex } from "viem";
import { nameToId } from "../../src/shared/format.ts";
import {
  buildLineage,
  datasetUsage,
  describeHistoryEntry,
  mergeVersions,
  orderHistory,
  pauseForModel,
  uniqueBlockNumbers,
  usesOf,
  versionStatusName,
  type HistoryEntry,
  type StoredVersion,
  type SubmittedVersion,
} from "../../src/features/registry/registryModel.ts";

const digits = nameToId("digits");
const train = nameToId("mnist-train");
const evaluation = nameToId("mnist-eval");
const maintainer = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC" as Address;

function submitted(
  version: number,
  parentVersion: number,
  blockNumber: bigint,
  extra: Partial<SubmittedVersion> = {},
): SubmittedVersion {
  return {
    blockNumber,
    logIndex: 0,
    timestamp: 1_000 + version,
    modelId: digits,
    version,
    submitter: maintainer,
    parentVersion,
    cid: `bafy-v${version}`,
    manifestDigest: `0x${String(version).repeat(64)}` as Hex,
    cardDigest: `0x${"c".repeat(64)}` as Hex,
    trainingDatasets: [train],
    evaluationDataset: evaluation,
    claimedAccuracyBps: 9000 + version,
    claimedMacroF1Bps: 8900 + version,
    ...extra,
  };
}

const stored = (status: number, activatedAt = 0): StoredVersion => ({
  status,
  manifestDigest: `0x${"d".repeat(64)}` as Hex,
  submittedAt: 500,
  activatedAt,
});

describe("mergeVersions", () => {
  it("takes status and digest from storage, the rest from the event, newest first", () => {
    const versions = mergeVersions(
      [submitted(1, 0, 10n), submitted(2, 1, 20n)],
      new Map([
        [1, stored(3, 700)],
        [2, stored(2, 800)],
      ]),
      2,
    );
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
    expect(versions[0]).toMatchObject({
      status: "Active",
      isActive: true,
      cid: "bafy-v2",
      activatedAt: 800,
      parentVersion: 1,
    });
    expect(versions[1]).toMatchObject({ status: "Superseded", isActive: false, manifestDigest: `0x${"d".repeat(64)}` });
  });
  it("treats a version not yet in storage as a candidate with no activation", () => {
    const [version] = mergeVersions([submitted(1, 0, 10n)], new Map(), 0);
    expect(version).toMatchObject({ status: "Candidate", activatedAt: null, submittedAt: 1_001 });
  });
});

describe("versionStatusName", () => {
  it("follows the contract's enum order", () => {
    expect([0, 1, 2, 3, 4, 5, 9].map(versionStatusName)).toEqual([
      "None",
      "Candidate",
      "Active",
      "Superseded",
      "Retired",
      "Revoked",
      "None",
    ]);
  });
});

describe("buildLineage", () => {
  const versions = mergeVersions(
    [submitted(1, 0, 10n), submitted(2, 1, 20n), submitted(3, 1, 21n), submitted(4, 2, 30n), submitted(5, 99, 40n)],
    new Map([[1, stored(2)]]),
    1,
  );
  it("puts parents above children, siblings oldest first, with depth", () => {
    expect(buildLineage(versions).map((n) => [n.version, n.depth])).toEqual([
      [1, 0],
      [2, 1],
      [4, 2],
      [3, 1],
      [5, 0],
    ]);
  });
  it("names the datasets each version came from", () => {
    expect(buildLineage(versions)[0]).toMatchObject({
      training: ["mnist-train"],
      evaluation: "mnist-eval",
      status: "Active",
    });
  });
  it("shows a version whose parent is unknown as a root rather than hiding it", () => {
    expect(buildLineage(versions).find((n) => n.version === 5)).toMatchObject({ depth: 0, parentVersion: 99 });
  });
});

describe("datasetUsage", () => {
  it("lists the versions naming each dataset, by role, in submission order, case-insensitively", () => {
    const penguins = nameToId("penguins");
    const usage = datasetUsage([
      submitted(2, 1, 20n),
      submitted(1, 0, 10n),
      submitted(1, 0, 15n, {
        modelId: penguins,
        trainingDatasets: [nameToId("penguins-train")],
        evaluationDataset: nameToId("penguins-eval"),
      }),
    ]);
    expect(usesOf(usage, train)).toEqual([
      { modelName: "digits", version: 1, role: "training" },
      { modelName: "digits", version: 2, role: "training" },
    ]);
    expect(usesOf(usage, evaluation.toUpperCase().replace("0X", "0x") as Hex).map((u) => u.role)).toEqual([
      "evaluation",
      "evaluation",
    ]);
    expect(usesOf(usage, nameToId("penguins-eval"))).toEqual([
      { modelName: "penguins", version: 1, role: "evaluation" },
    ]);
    expect(usesOf(usage, nameToId("unused"))).toEqual([]);
  });
});

describe("history", () => {
  const entry = (
    kind: HistoryEntry["kind"],
    blockNumber: bigint,
    logIndex: number,
    extra: Partial<HistoryEntry> = {},
  ): HistoryEntry => ({
    kind,
    blockNumber,
    logIndex,
    timestamp: null,
    version: null,
    previousVersion: null,
    reason: null,
    actor: null,
    ...extra,
  });
  it("orders by block, then by position in the block", () => {
    const ordered = orderHistory([
      entry("model-paused", 30n, 0),
      entry("activated", 12n, 4),
      entry("submitted", 10n, 1),
      entry("submitted", 12n, 1),
    ]);
    expect(ordered.map((e) => `${e.blockNumber}:${e.logIndex}`)).toEqual(["10:1", "12:1", "12:4", "30:0"]);
  });
  it("does not mutate its input", () => {
    const input = [entry("retired", 2n, 0), entry("submitted", 1n, 0)];
    orderHistory(input);
    expect(input[0].kind).toBe("retired");
  });
  it("describes each kind in one sentence", () => {
    expect(describeHistoryEntry(entry("activated", 1n, 0, { version: 2, previousVersion: 1 }))).toBe(
      "v2 activated, replacing v1",
    );
    expect(describeHistoryEntry(entry("activated", 1n, 0, { version: 1 }))).toBe("v1 activated");
    expect(describeHistoryEntry(entry("rolled-back", 1n, 0, { version: 1, previousVersion: 2 }))).toBe(
      "Rolled back to v1, replacing v2",
    );
    expect(describeHistoryEntry(entry("submitted", 1n, 0, { version: 3, previousVersion: 1 }))).toBe(
      "v3 submitted (parent v1)",
    );
    expect(describeHistoryEntry(entry("revoked", 1n, 0, { version: 3 }))).toBe("v3 revoked");
    expect(describeHistoryEntry(entry("all-paused", 1n, 0))).toMatch(/Every model paused/);
    expect(describeHistoryEntry(entry("model-unpaused", 1n, 0))).toMatch(/unpaused by governance/);
  });
  it("reads each block's time once", () => {
    expect(uniqueBlockNumbers([entry("submitted", 1n, 0), entry("activated", 1n, 2), entry("retired", 3n, 0)])).toEqual(
      [1n, 3n],
    );
  });
});

describe("pauseForModel", () => {
  const off = { paused: false, reason: null, since: null };
  it("is not paused without state", () => {
    expect(pauseForModel(undefined, digits).paused).toBe(false);
  });
  it("reports the global pause first", () => {
    const state = {
      global: { paused: true, reason: "all", since: 5 },
      models: { [digits]: { paused: true, reason: "own", since: 4 } },
    };
    expect(pauseForModel(state, digits)).toEqual({ paused: true, scope: "all", reason: "all", since: 5 });
  });
  it("reports a model's own pause, matching ids case-insensitively", () => {
    const state = {
      global: off,
      models: { [digits.toUpperCase().replace("0X", "0x")]: { paused: true, reason: "bad", since: 4 } },
    };
    expect(pauseForModel(state, digits)).toEqual({ paused: true, scope: "model", reason: "bad", since: 4 });
    expect(pauseForModel(state, nameToId("penguins")).paused).toBe(false);
  });
});
