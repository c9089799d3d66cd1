import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { encodeFunctionData, getAddress, parseEventLogs, zeroAddress, zeroHash, type Address, type Hex } from "viem";
import { id, passProposal, type Dao } from "../helpers/dao.js";
import {
  datasetInput,
  EVAL,
  EXTRA,
  minedAt,
  MODEL,
  registryFixture,
  TRAIN,
  versionInput,
  VersionStatus,
  type ModelVersionInput,
} from "../helpers/registry.js";

const MODEL_ID = id(MODEL);

describe("ModelRegistry: versioned models over whitelisted datasets", async () => {
  const connection = await network.create();
  const { viem, networkHelpers } = connection;
  const { loadFixture } = networkHelpers;

  /** Submits a version as the maintainer. */
  function submit(dao: Dao, input: ModelVersionInput = versionInput()) {
    return dao.modelRegistry.write.submitModelVersion([input], { account: dao.maintainer.account });
  }

  /** Submits `count` versions v1..vN of MODEL and returns the fixture. */
  async function withVersions(count: number) {
    const fixture = await loadFixture(registryFixture);
    for (let v = 1; v <= count; v++) await submit(fixture.dao, versionInput(`v${v}`));
    return fixture;
  }

  async function status(dao: Dao, version: number) {
    return (await dao.modelRegistry.read.getVersion([MODEL_ID, version])).status;
  }

  describe("submitModelVersion", () => {
    it("creates the model on its first submission and returns version 1", async () => {
      const { dao } = await loadFixture(registryFixture);
      assert.deepEqual(await dao.modelRegistry.read.modelIds(), []);
      const { result } = await dao.modelRegistry.simulate.submitModelVersion([versionInput()], {
        account: dao.maintainer.account.address,
      });
      assert.equal(result, 1);
      await viem.assertions.emitWithArgs(submit(dao), dao.modelRegistry, "ModelCreated", [MODEL_ID]);
      assert.deepEqual(await dao.modelRegistry.read.modelIds(), [MODEL_ID]);
      assert.deepEqual(await dao.modelRegistry.read.getModel([MODEL_ID]), { versionCount: 1, activeVersion: 0 });
    });

    it("numbers later versions 2, 3 without re-creating the model, and lists models in creation order", async () => {
      const { dao } = await withVersions(1);
      for (const expected of [2, 3]) {
        const input = versionInput(`v${expected}`);
        const { result } = await dao.modelRegistry.simulate.submitModelVersion([input], {
          account: dao.maintainer.account.address,
        });
        assert.equal(result, expected);
        const receipt = await dao.publicClient.waitForTransactionReceipt({ hash: await submit(dao, input) });
        const created = parseEventLogs({ abi: dao.modelRegistry.abi, eventName: "ModelCreated", logs: receipt.logs });
        assert.equal(created.length, 0);
      }
      await submit(dao, versionInput("other-v1", { modelId: id("fashion") }));
      assert.deepEqual(await dao.modelRegistry.read.modelIds(), [MODEL_ID, id("fashion")]);
      assert.deepEqual(await dao.modelRegistry.read.getModel([MODEL_ID]), { versionCount: 3, activeVersion: 0 });
      assert.deepEqual(await dao.modelRegistry.read.getModel([id("fashion")]), { versionCount: 1, activeVersion: 0 });
    });

    it("stores the digest, evaluation dataset, Candidate status, parent, metrics and submission time", async () => {
      const { dao } = await withVersions(1);
      const input = versionInput("v2", { parentVersion: 1, claimedAccuracyBps: 9712, claimedMacroF1Bps: 9705 });
      const at = await minedAt(dao, submit(dao, input));
      assert.deepEqual(await dao.modelRegistry.read.getVersion([MODEL_ID, 2]), {
        manifestDigest: input.manifestDigest,
        evaluationDataset: id(EVAL),
        status: VersionStatus.Candidate,
        parentVersion: 1,
        claimedAccuracyBps: 9712,
        claimedMacroF1Bps: 9705,
        submittedAt: Number(at),
        activatedAt: 0,
      });
    });

    it("emits ModelVersionSubmitted with the version, the submitter and the full input", async () => {
      const { dao } = await loadFixture(registryFixture);
      const input = versionInput("v1", { trainingDatasets: [id(TRAIN), id(EXTRA)] });
      await viem.assertions.emitWithArgs(submit(dao, input), dao.modelRegistry, "ModelVersionSubmitted", [
        MODEL_ID,
        1,
        getAddress(dao.maintainer.account.address),
        input,
      ]);
    });

    it("reverts when a non-maintainer submits, governance included", async () => {
      const { dao, governance } = await loadFixture(registryFixture);
      const role = await dao.modelRegistry.read.MAINTAINER_ROLE();
      const callers: Address[] = [
        dao.outsider.account.address,
        dao.guardian.account.address,
        dao.alice.account.address,
        governance,
      ];
      for (const caller of callers) {
        await viem.assertions.revertWithCustomErrorWithArgs(
          dao.modelRegistry.write.submitModelVersion([versionInput()], { account: caller }),
          dao.modelRegistry,
          "AccessControlUnauthorizedAccount",
          [getAddress(caller), role],
        );
      }
      assert.deepEqual(await dao.modelRegistry.read.modelIds(), []);
    });

    it("reverts on a zero model id", async () => {
      const { dao } = await loadFixture(registryFixture);
      await viem.assertions.revertWithCustomError(
        submit(dao, versionInput("v1", { modelId: zeroHash })),
        dao.modelRegistry,
        "ModelRegistryInvalidModelId",
      );
    });

    it("reverts on a zero manifest digest", async () => {
      const { dao } = await loadFixture(registryFixture);
      await viem.assertions.revertWithCustomError(
        submit(dao, versionInput("v1", { manifestDigest: zeroHash })),
        dao.modelRegistry,
        "ModelRegistryInvalidDigest",
      );
    });

    it("reverts on an empty CID or one longer than 128 bytes, and accepts exactly 128", async () => {
      const { dao } = await loadFixture(registryFixture);
      for (const bad of ["", "b".repeat(129)]) {
        await viem.assertions.revertWithCustomError(
          submit(dao, versionInput("v1", { cid: bad })),
          dao.modelRegistry,
          "ModelRegistryInvalidCid",
        );
      }
      await submit(dao, versionInput("v1", { cid: "b".repeat(128) }));
      assert.equal(await dao.modelRegistry.read.getModel([MODEL_ID]).then((m) => m.versionCount), 1);
    });

    it("reverts when a claimed metric is above 10,000 basis points, and accepts 10,000", async () => {
      const { dao } = await loadFixture(registryFixture);
      await viem.assertions.revertWithCustomErrorWithArgs(
        submit(dao, versionInput("v1", { claimedAccuracyBps: 10_001 })),
        dao.modelRegistry,
        "ModelRegistryInvalidMetric",
        [10_001],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        submit(dao, versionInput("v1", { claimedMacroF1Bps: 65_535 })),
        dao.modelRegistry,
        "ModelRegistryInvalidMetric",
        [65_535],
      );
      await submit(dao, versionInput("v1", { claimedAccuracyBps: 10_000, claimedMacroF1Bps: 10_000 }));
      assert.equal((await dao.modelRegistry.read.getVersion([MODEL_ID, 1])).claimedAccuracyBps, 10_000);
    });

    it("reverts with no training dataset or more than 16, and accepts 16", async () => {
      const { dao, governance } = await loadFixture(registryFixture);
      await viem.assertions.revertWithCustomErrorWithArgs(
        submit(dao, versionInput("v1", { trainingDatasets: [] })),
        dao.modelRegistry,
        "ModelRegistryInvalidTrainingDatasets",
        [0n],
      );
      const sixteen: Hex[] = [id(TRAIN), id(EXTRA)];
      for (let i = 0; i < 14; i++) {
        const input = datasetInput(`shard-${i}`);
        await dao.datasetRegistry.write.approveDataset([input], { account: governance });
        sixteen.push(input.id);
      }
      assert.equal(await dao.modelRegistry.read.MAX_TRAINING_DATASETS(), 16n);
      await viem.assertions.revertWithCustomErrorWithArgs(
        submit(dao, versionInput("v1", { trainingDatasets: [...sixteen, id(TRAIN)] })),
        dao.modelRegistry,
        "ModelRegistryInvalidTrainingDatasets",
        [17n],
      );
      await viem.assertions.emitWithArgs(
        submit(dao, versionInput("v1", { trainingDatasets: sixteen })),
        dao.modelRegistry,
        "ModelVersionSubmitted",
        [MODEL_ID, 1, getAddress(dao.maintainer.account.address), versionInput("v1", { trainingDatasets: sixteen })],
      );
    });

    it("reverts naming the first training dataset that is not whitelisted", async () => {
      const { dao } = await loadFixture(registryFixture);
      await viem.assertions.revertWithCustomErrorWithArgs(
        submit(dao, versionInput("v1", { trainingDatasets: [id(TRAIN), id("scraped"), id("other")] })),
        dao.modelRegistry,
        "ModelRegistryDatasetNotWhitelisted",
        [id("scraped")],
      );
    });

    it("reverts naming the evaluation dataset when it is not whitelisted", async () => {
      const { dao } = await loadFixture(registryFixture);
      await viem.assertions.revertWithCustomErrorWithArgs(
        submit(dao, versionInput("v1", { evaluationDataset: id("private-test") })),
        dao.modelRegistry,
        "ModelRegistryDatasetNotWhitelisted",
        [id("private-test")],
      );
    });

    it("reverts when a training or evaluation dataset has been revoked", async () => {
      const { dao, governance } = await loadFixture(registryFixture);
      await dao.datasetRegistry.write.revokeDataset([id(EXTRA), "contaminated"], { account: governance });
      await viem.assertions.revertWithCustomErrorWithArgs(
        submit(dao, versionInput("v1", { trainingDatasets: [id(TRAIN), id(EXTRA)] })),
        dao.modelRegistry,
        "ModelRegistryDatasetNotWhitelisted",
        [id(EXTRA)],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        submit(dao, versionInput("v1", { evaluationDataset: id(EXTRA) })),
        dao.modelRegistry,
        "ModelRegistryDatasetNotWhitelisted",
        [id(EXTRA)],
      );
    });

    it("reverts when the evaluation dataset is also a training dataset", async () => {
      const { dao } = await loadFixture(registryFixture);
      await viem.assertions.revertWithCustomErrorWithArgs(
        submit(dao, versionInput("v1", { trainingDatasets: [id(TRAIN), id(EVAL)] })),
        dao.modelRegistry,
        "ModelRegistryEvaluationDatasetUsedForTraining",
        [id(EVAL)],
      );
    });

    it("reverts ModelRegistryDuplicateDataset when a training dataset is named twice", async () => {
      const { dao } = await loadFixture(registryFixture);
      await viem.assertions.revertWithCustomErrorWithArgs(
        submit(dao, versionInput("v1", { trainingDatasets: [id(TRAIN), id(EXTRA), id(TRAIN)] })),
        dao.modelRegistry,
        "ModelRegistryDuplicateDataset",
        [id(TRAIN)],
      );
      assert.equal((await dao.modelRegistry.read.getModel([MODEL_ID])).versionCount, 0);
    });

    it("reverts on a parent version that does not exist yet, and accepts an existing one", async () => {
      const { dao } = await loadFixture(registryFixture);
      await viem.assertions.revertWithCustomErrorWithArgs(
        submit(dao, versionInput("v1", { parentVersion: 1 })),
        dao.modelRegistry,
        "ModelRegistryUnknownParent",
        [MODEL_ID, 1],
      );
      await submit(dao, versionInput("v1"));
      await viem.assertions.revertWithCustomErrorWithArgs(
        submit(dao, versionInput("v2", { parentVersion: 2 })),
        dao.modelRegistry,
        "ModelRegistryUnknownParent",
        [MODEL_ID, 2],
      );
      await submit(dao, versionInput("v2", { parentVersion: 1 }));
      assert.equal((await dao.modelRegistry.read.getVersion([MODEL_ID, 2])).parentVersion, 1);
    });

    it("keeps an already submitted version activatable after one of its datasets is revoked", async () => {
      const { dao, governance } = await withVersions(1);
      await dao.datasetRegistry.write.revokeDataset([id(TRAIN), "license withdrawn"], { account: governance });
      await dao.modelRegistry.write.activateVersion([MODEL_ID, 1], { account: governance });
      assert.equal(await dao.modelRegistry.read.activeVersion([MODEL_ID]), 1);
    });
  });

  describe("activateVersion and rollbackTo", () => {
    it("activates a candidate, records activatedAt and emits ModelVersionActivated with no previous version", async () => {
      const { dao, governance } = await withVersions(1);
      const tx = dao.modelRegistry.write.activateVersion([MODEL_ID, 1], { account: governance });
      await viem.assertions.emitWithArgs(tx, dao.modelRegistry, "ModelVersionActivated", [MODEL_ID, 1, 0]);
      const at = await minedAt(dao, tx);
      const version = await dao.modelRegistry.read.getVersion([MODEL_ID, 1]);
      assert.equal(version.status, VersionStatus.Active);
      assert.equal(BigInt(version.activatedAt), at);
      assert.equal(await dao.modelRegistry.read.activeVersion([MODEL_ID]), 1);
      assert.deepEqual(await dao.modelRegistry.read.getModel([MODEL_ID]), { versionCount: 1, activeVersion: 1 });
    });

    it("supersedes the previously active version when activating another", async () => {
      const { dao, governance } = await withVersions(2);
      await dao.modelRegistry.write.activateVersion([MODEL_ID, 1], { account: governance });
      await viem.assertions.emitWithArgs(
        dao.modelRegistry.write.activateVersion([MODEL_ID, 2], { account: governance }),
        dao.modelRegistry,
        "ModelVersionActivated",
        [MODEL_ID, 2, 1],
      );
      assert.equal(await status(dao, 1), VersionStatus.Superseded);
      assert.equal(await status(dao, 2), VersionStatus.Active);
      assert.equal(await dao.modelRegistry.read.activeVersion([MODEL_ID]), 2);
    });

    it("rolls back to a superseded version, superseding the current one and keeping the first activation time", async () => {
      const { dao, governance } = await withVersions(2);
      await dao.modelRegistry.write.activateVersion([MODEL_ID, 1], { account: governance });
      const firstActivation = (await dao.modelRegistry.read.getVersion([MODEL_ID, 1])).activatedAt;
      await dao.modelRegistry.write.activateVersion([MODEL_ID, 2], { account: governance });
      await networkHelpers.time.increase(3600);
      await viem.assertions.emitWithArgs(
        dao.modelRegistry.write.rollbackTo([MODEL_ID, 1], { account: governance }),
        dao.modelRegistry,
        "ModelRolledBack",
        [MODEL_ID, 1, 2],
      );
      assert.equal(await status(dao, 1), VersionStatus.Active);
      assert.equal(await status(dao, 2), VersionStatus.Superseded);
      assert.equal(await dao.modelRegistry.read.activeVersion([MODEL_ID]), 1);
      assert.equal((await dao.modelRegistry.read.getVersion([MODEL_ID, 1])).activatedAt, firstActivation);
    });

    it("rolls back when the active version was retired, reporting no previous version", async () => {
      const { dao, governance } = await withVersions(2);
      await dao.modelRegistry.write.activateVersion([MODEL_ID, 1], { account: governance });
      await dao.modelRegistry.write.activateVersion([MODEL_ID, 2], { account: governance });
      await dao.modelRegistry.write.retireVersion([MODEL_ID, 2, "regression on 7s"], { account: governance });
      await viem.assertions.emitWithArgs(
        dao.modelRegistry.write.rollbackTo([MODEL_ID, 1], { account: governance }),
        dao.modelRegistry,
        "ModelRolledBack",
        [MODEL_ID, 1, 0],
      );
      assert.equal(await status(dao, 2), VersionStatus.Retired);
    });

    it("reverts ModelRegistryInvalidStatus when rolling back to a Candidate, Active, Retired or Revoked version", async () => {
      const { dao, governance } = await withVersions(4);
      // v1 Retired, v2 Revoked, v3 Active, v4 Candidate
      await dao.modelRegistry.write.retireVersion([MODEL_ID, 1, "old"], { account: governance });
      await dao.modelRegistry.write.revokeVersion([MODEL_ID, 2, "flawed"], { account: governance });
      await dao.modelRegistry.write.activateVersion([MODEL_ID, 3], { account: governance });
      const expected: [number, number][] = [
        [1, VersionStatus.Retired],
        [2, VersionStatus.Revoked],
        [3, VersionStatus.Active],
        [4, VersionStatus.Candidate],
      ];
      for (const [version, current] of expected) {
        await viem.assertions.revertWithCustomErrorWithArgs(
          dao.modelRegistry.write.rollbackTo([MODEL_ID, version], { account: governance }),
          dao.modelRegistry,
          "ModelRegistryInvalidStatus",
          [MODEL_ID, version, current],
        );
      }
      assert.equal(await dao.modelRegistry.read.activeVersion([MODEL_ID]), 3);
    });

    it("reverts ModelRegistryInvalidStatus when activating an Active, Superseded, Retired or Revoked version", async () => {
      const { dao, governance } = await withVersions(4);
      // v1 Superseded, v2 Active, v3 Retired, v4 Revoked
      await dao.modelRegistry.write.activateVersion([MODEL_ID, 1], { account: governance });
      await dao.modelRegistry.write.activateVersion([MODEL_ID, 2], { account: governance });
      await dao.modelRegistry.write.retireVersion([MODEL_ID, 3, "never shipped"], { account: governance });
      await dao.modelRegistry.write.revokeVersion([MODEL_ID, 4, "trained on test data"], { account: governance });
      const expected: [number, number][] = [
        [1, VersionStatus.Superseded],
        [2, VersionStatus.Active],
        [3, VersionStatus.Retired],
        [4, VersionStatus.Revoked],
      ];
      for (const [version, current] of expected) {
        await viem.assertions.revertWithCustomErrorWithArgs(
          dao.modelRegistry.write.activateVersion([MODEL_ID, version], { account: governance }),
          dao.modelRegistry,
          "ModelRegistryInvalidStatus",
          [MODEL_ID, version, current],
        );
      }
      assert.equal(await dao.modelRegistry.read.activeVersion([MODEL_ID]), 2);
    });
  });

  describe("retireVersion", () => {
    it("retires a candidate and emits ModelVersionRetired with the reason", async () => {
      const { dao, governance } = await withVersions(1);
      await viem.assertions.emitWithArgs(
        dao.modelRegistry.write.retireVersion([MODEL_ID, 1, "superseded before review"], { account: governance }),
        dao.modelRegistry,
        "ModelVersionRetired",
        [MODEL_ID, 1, "superseded before review"],
      );
      assert.equal(await status(dao, 1), VersionStatus.Retired);
    });

    it("retiring the active version leaves the model with no active version", async () => {
      const { dao, governance } = await withVersions(1);
      await dao.modelRegistry.write.activateVersion([MODEL_ID, 1], { account: governance });
      await dao.modelRegistry.write.retireVersion([MODEL_ID, 1, "end of life"], { account: governance });
      assert.equal(await status(dao, 1), VersionStatus.Retired);
      assert.equal(await dao.modelRegistry.read.activeVersion([MODEL_ID]), 0);
      assert.deepEqual(await dao.modelRegistry.read.isServing([MODEL_ID]), [false, 0, zeroHash]);
    });

    it("retires a superseded version without touching the active one", async () => {
      const { dao, governance } = await withVersions(2);
      await dao.modelRegistry.write.activateVersion([MODEL_ID, 1], { account: governance });
      await dao.modelRegistry.write.activateVersion([MODEL_ID, 2], { account: governance });
      await dao.modelRegistry.write.retireVersion([MODEL_ID, 1, "no rollback target"], { account: governance });
      assert.equal(await status(dao, 1), VersionStatus.Retired);
      assert.equal(await dao.modelRegistry.read.activeVersion([MODEL_ID]), 2);
    });

    it("reverts on a version already retired or revoked", async () => {
      const { dao, governance } = await withVersions(2);
      await dao.modelRegistry.write.retireVersion([MODEL_ID, 1, "old"], { account: governance });
      await dao.modelRegistry.write.revokeVersion([MODEL_ID, 2, "bad"], { account: governance });
      await viem.assertions.revertWithCustomErrorWithArgs(
        dao.modelRegistry.write.retireVersion([MODEL_ID, 1, "again"], { account: governance }),
        dao.modelRegistry,
        "ModelRegistryInvalidStatus",
        [MODEL_ID, 1, VersionStatus.Retired],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        dao.modelRegistry.write.retireVersion([MODEL_ID, 2, "again"], { account: governance }),
        dao.modelRegistry,
        "ModelRegistryInvalidStatus",
        [MODEL_ID, 2, VersionStatus.Revoked],
      );
    });
  });

  describe("revokeVersion", () => {
    it("revokes a Candidate, Superseded or Retired version and emits ModelVersionRevoked with the reason", async () => {
      const { dao, governance } = await withVersions(4);
      // v1 Superseded, v2 Active, v3 Retired, v4 Candidate
      await dao.modelRegistry.write.activateVersion([MODEL_ID, 1], { account: governance });
      await dao.modelRegistry.write.activateVersion([MODEL_ID, 2], { account: governance });
      await dao.modelRegistry.write.retireVersion([MODEL_ID, 3, "old"], { account: governance });
      for (const version of [1, 3, 4]) {
        await viem.assertions.emitWithArgs(
          dao.modelRegistry.write.revokeVersion([MODEL_ID, version, `bad data in v${version}`], {
            account: governance,
          }),
          dao.modelRegistry,
          "ModelVersionRevoked",
          [MODEL_ID, version, `bad data in v${version}`],
        );
        assert.equal(await status(dao, version), VersionStatus.Revoked);
      }
      assert.equal(await dao.modelRegistry.read.activeVersion([MODEL_ID]), 2);
    });

    it("revoking the active version leaves the model with none active", async () => {
      const { dao, governance } = await withVersions(1);
      await dao.modelRegistry.write.activateVersion([MODEL_ID, 1], { account: governance });
      await dao.modelRegistry.write.revokeVersion([MODEL_ID, 1, "harmful outputs"], { account: governance });
      assert.equal(await status(dao, 1), VersionStatus.Revoked);
      assert.equal(await dao.modelRegistry.read.activeVersion([MODEL_ID]), 0);
      assert.deepEqual(await dao.modelRegistry.read.isServing([MODEL_ID]), [false, 0, zeroHash]);
    });

    it("reverts on a version already revoked", async () => {
      const { dao, governance } = await withVersions(1);
      await dao.modelRegistry.write.revokeVersion([MODEL_ID, 1, "bad"], { account: governance });
      await viem.assertions.revertWithCustomErrorWithArgs(
        dao.modelRegistry.write.revokeVersion([MODEL_ID, 1, "worse"], { account: governance }),
        dao.modelRegistry,
        "ModelRegistryInvalidStatus",
        [MODEL_ID, 1, VersionStatus.Revoked],
      );
    });

    it("a revoked version can be neither activated nor rolled back to", async () => {
      const { dao, governance } = await withVersions(3);
      // v1 was active then superseded by v2, then revoked; v3 revoked as a candidate.
      await dao.modelRegistry.write.activateVersion([MODEL_ID, 1], { account: governance });
      await dao.modelRegistry.write.activateVersion([MODEL_ID, 2], { account: governance });
      await dao.modelRegistry.write.revokeVersion([MODEL_ID, 1, "bad"], { account: governance });
      await dao.modelRegistry.write.revokeVersion([MODEL_ID, 3, "bad"], { account: governance });
      for (const version of [1, 3]) {
        for (const write of [dao.modelRegistry.write.activateVersion, dao.modelRegistry.write.rollbackTo]) {
          await viem.assertions.revertWithCustomErrorWithArgs(
            write([MODEL_ID, version], { account: governance }),
            dao.modelRegistry,
            "ModelRegistryInvalidStatus",
            [MODEL_ID, version, VersionStatus.Revoked],
          );
        }
      }
      assert.equal(await dao.modelRegistry.read.activeVersion([MODEL_ID]), 2);
    });
  });

  describe("common guards", () => {
    it("reverts ModelRegistryReasonRequired when retiring or revoking without a reason", async () => {
      const { dao, governance } = await withVersions(1);
      for (const write of [dao.modelRegistry.write.retireVersion, dao.modelRegistry.write.revokeVersion]) {
        await viem.assertions.revertWithCustomError(
          write([MODEL_ID, 1, ""], { account: governance }),
          dao.modelRegistry,
          "ModelRegistryReasonRequired",
        );
      }
      assert.equal(await status(dao, 1), VersionStatus.Candidate);
    });

    it("reverts ModelRegistryUnknownVersion for version 0, a version past the count, or an unknown model", async () => {
      const { dao, governance } = await withVersions(1);
      const unknown: [Hex, number][] = [
        [MODEL_ID, 0],
        [MODEL_ID, 2],
        [id("nonexistent"), 1],
      ];
      for (const [modelId, version] of unknown) {
        for (const write of [dao.modelRegistry.write.activateVersion, dao.modelRegistry.write.rollbackTo]) {
          await viem.assertions.revertWithCustomErrorWithArgs(
            write([modelId, version], { account: governance }),
            dao.modelRegistry,
            "ModelRegistryUnknownVersion",
            [modelId, version],
          );
        }
        for (const write of [dao.modelRegistry.write.retireVersion, dao.modelRegistry.write.revokeVersion]) {
          await viem.assertions.revertWithCustomErrorWithArgs(
            write([modelId, version, "why"], { account: governance }),
            dao.modelRegistry,
            "ModelRegistryUnknownVersion",
            [modelId, version],
          );
        }
      }
    });

    it("lets neither the maintainer, the guardian nor an outsider activate, roll back, retire or revoke", async () => {
      const { dao, governance } = await withVersions(2);
      await dao.modelRegistry.write.activateVersion([MODEL_ID, 1], { account: governance });
      await dao.modelRegistry.write.activateVersion([MODEL_ID, 2], { account: governance });
      await submit(dao, versionInput("v3"));
      const admin = await dao.modelRegistry.read.DEFAULT_ADMIN_ROLE();
      for (const wallet of [dao.maintainer, dao.guardian, dao.outsider]) {
        const account = wallet.account;
        const args = [getAddress(account.address), admin] as const;
        const attempts = [
          () => dao.modelRegistry.write.activateVersion([MODEL_ID, 3], { account }),
          () => dao.modelRegistry.write.rollbackTo([MODEL_ID, 1], { account }),
          () => dao.modelRegistry.write.retireVersion([MODEL_ID, 2, "mine"], { account }),
          () => dao.modelRegistry.write.revokeVersion([MODEL_ID, 2, "mine"], { account }),
        ];
        for (const attempt of attempts) {
          await viem.assertions.revertWithCustomErrorWithArgs(
            attempt(),
            dao.modelRegistry,
            "AccessControlUnauthorizedAccount",
            [...args],
          );
        }
      }
      assert.equal(await dao.modelRegistry.read.activeVersion([MODEL_ID]), 2);
      assert.equal(await status(dao, 1), VersionStatus.Superseded);
      assert.equal(await status(dao, 3), VersionStatus.Candidate);
    });
  });

  describe("maintainers", () => {
    it("governance grants MAINTAINER_ROLE through a proposal, and the new maintainer can submit", async () => {
      const { dao } = await loadFixture(registryFixture);
      const role = await dao.modelRegistry.read.MAINTAINER_ROLE();
      const newcomer = dao.outsider.account;
      const data = encodeFunctionData({
        abi: dao.modelRegistry.abi,
        functionName: "grantRole",
        args: [role, newcomer.address],
      });
      await passProposal(dao, [{ target: dao.modelRegistry.address, data }], "Make the outsider a maintainer");
      assert.equal(await dao.modelRegistry.read.hasRole([role, newcomer.address]), true);
      await dao.modelRegistry.write.submitModelVersion([versionInput()], { account: newcomer });
      assert.equal((await dao.modelRegistry.read.getModel([MODEL_ID])).versionCount, 1);
    });

    it("a maintainer whose role governance revoked can no longer submit", async () => {
      const { dao, governance } = await loadFixture(registryFixture);
      const role = await dao.modelRegistry.read.MAINTAINER_ROLE();
      await dao.modelRegistry.write.revokeRole([role, dao.maintainer.account.address], { account: governance });
      await viem.assertions.revertWithCustomErrorWithArgs(
        submit(dao),
        dao.modelRegistry,
        "AccessControlUnauthorizedAccount",
        [getAddress(dao.maintainer.account.address), role],
      );
    });

    it("a maintainer cannot grant MAINTAINER_ROLE to someone else", async () => {
      const { dao } = await loadFixture(registryFixture);
      const role = await dao.modelRegistry.read.MAINTAINER_ROLE();
      const admin = await dao.modelRegistry.read.DEFAULT_ADMIN_ROLE();
      await viem.assertions.revertWithCustomErrorWithArgs(
        dao.modelRegistry.write.grantRole([role, dao.outsider.account.address], { account: dao.maintainer.account }),
        dao.modelRegistry,
        "AccessControlUnauthorizedAccount",
        [getAddress(dao.maintainer.account.address), admin],
      );
    });
  });

  describe("isServing", () => {
    it("is false with no active version, for an unknown model and for a model with only candidates", async () => {
      const { dao } = await withVersions(1);
      assert.deepEqual(await dao.modelRegistry.read.isServing([id("unknown")]), [false, 0, zeroHash]);
      assert.deepEqual(await dao.modelRegistry.read.isServing([MODEL_ID]), [false, 0, zeroHash]);
    });

    it("is true with the active version and its manifest digest", async () => {
      const { dao, governance } = await withVersions(2);
      await dao.modelRegistry.write.activateVersion([MODEL_ID, 2], { account: governance });
      assert.deepEqual(await dao.modelRegistry.read.isServing([MODEL_ID]), [
        true,
        2,
        versionInput("v2").manifestDigest,
      ]);
    });

    it("is false while the model is paused, still naming the active version and digest", async () => {
      const { dao, governance } = await withVersions(1);
      await dao.modelRegistry.write.activateVersion([MODEL_ID, 1], { account: governance });
      await dao.killSwitch.write.pauseModel([MODEL_ID, "bias report"], { account: dao.guardian.account });
      assert.deepEqual(await dao.modelRegistry.read.isServing([MODEL_ID]), [
        false,
        1,
        versionInput("v1").manifestDigest,
      ]);
      await dao.killSwitch.write.unpauseModel([MODEL_ID, "fixed"], { account: governance });
      assert.equal((await dao.modelRegistry.read.isServing([MODEL_ID]))[0], true);
    });

    it("is false while everything is paused, and only the paused model stops when one model is paused", async () => {
      const { dao, governance } = await withVersions(1);
      await submit(dao, versionInput("f1", { modelId: id("fashion") }));
      await dao.modelRegistry.write.activateVersion([MODEL_ID, 1], { account: governance });
      await dao.modelRegistry.write.activateVersion([id("fashion"), 1], { account: governance });
      await dao.killSwitch.write.pauseModel([id("fashion"), "bad labels"], { account: dao.guardian.account });
      assert.equal((await dao.modelRegistry.read.isServing([MODEL_ID]))[0], true);
      assert.equal((await dao.modelRegistry.read.isServing([id("fashion")]))[0], false);
      await dao.killSwitch.write.pause(["incident"], { account: dao.guardian.account });
      assert.equal((await dao.modelRegistry.read.isServing([MODEL_ID]))[0], false);
      await dao.killSwitch.write.unpause(["resolved"], { account: governance });
      assert.equal((await dao.modelRegistry.read.isServing([MODEL_ID]))[0], true);
      assert.equal((await dao.modelRegistry.read.isServing([id("fashion")]))[0], false);
    });
  });

  describe("constructor", () => {
    it("rejects a zero governance, dataset registry or kill switch address", async () => {
      const { dao } = await loadFixture(registryFixture);
      const good = [dao.timelock.address, dao.datasetRegistry.address, dao.killSwitch.address] as const;
      for (let i = 0; i < good.length; i++) {
        const args = [...good] as [Address, Address, Address];
        args[i] = zeroAddress;
        await assert.rejects(viem.deployContract("ModelRegistry", [...args, []]), /ModelRegistryZeroAddress/);
      }
    });
  });

  describe("through real governance", () => {
    it("activates a submitted version by a proposal that passes, queues and executes, and it serves", async () => {
      const { dao } = await withVersions(1);
      const data = encodeFunctionData({
        abi: dao.modelRegistry.abi,
        functionName: "activateVersion",
        args: [MODEL_ID, 1],
      });
      await passProposal(dao, [{ target: dao.modelRegistry.address, data }], "Activate digits v1");
      assert.deepEqual(await dao.modelRegistry.read.isServing([MODEL_ID]), [
        true,
        1,
        versionInput("v1").manifestDigest,
      ]);
    });
  });
});
