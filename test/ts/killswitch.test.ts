import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { encodeFunctionData, getAddress, zeroAddress, zeroHash } from "viem";
import { id, passProposal, type Dao } from "../helpers/dao.js";
import { minedAt, MODEL, registryFixture, versionInput, VersionStatus } from "../helpers/registry.js";

const MODEL_ID = id(MODEL);
const OTHER_ID = id("fashion");

describe("KillSwitch: the guardian stops, governance resumes", async () => {
  const connection = await network.create();
  const { viem, networkHelpers } = connection;
  const { loadFixture } = networkHelpers;

  /** Two versions of MODEL: v1 Superseded, v2 Active, and a v3 Candidate. */
  async function withServingModel() {
    const fixture = await loadFixture(registryFixture);
    const { dao, governance } = fixture;
    for (const label of ["v1", "v2", "v3"]) {
      await dao.modelRegistry.write.submitModelVersion([versionInput(label)], { account: dao.maintainer.account });
    }
    await dao.modelRegistry.write.activateVersion([MODEL_ID, 1], { account: governance });
    await dao.modelRegistry.write.activateVersion([MODEL_ID, 2], { account: governance });
    return fixture;
  }

  function isPaused(dao: Dao, modelId = MODEL_ID) {
    return dao.killSwitch.read.isPaused([modelId]);
  }

  describe("pause", () => {
    it("lets the guardian pause everything with a reason, recording when", async () => {
      const { dao } = await loadFixture(registryFixture);
      const tx = dao.killSwitch.write.pause(["prompt-injection incident"], { account: dao.guardian.account });
      await viem.assertions.emitWithArgs(tx, dao.killSwitch, "AllPaused", [
        getAddress(dao.guardian.account.address),
        "prompt-injection incident",
      ]);
      const at = await minedAt(dao, tx);
      assert.deepEqual(await dao.killSwitch.read.globalPause(), [true, Number(at)]);
      assert.equal(await isPaused(dao, MODEL_ID), true);
      assert.equal(await isPaused(dao, OTHER_ID), true);
      assert.equal(await dao.killSwitch.read.modelPausedAt([MODEL_ID]), 0);
    });

    it("lets the guardian pause a single model, leaving the others running", async () => {
      const { dao } = await loadFixture(registryFixture);
      const tx = dao.killSwitch.write.pauseModel([MODEL_ID, "misclassifies 7 as 1"], {
        account: dao.guardian.account,
      });
      await viem.assertions.emitWithArgs(tx, dao.killSwitch, "ModelPaused", [
        MODEL_ID,
        getAddress(dao.guardian.account.address),
        "misclassifies 7 as 1",
      ]);
      const at = await minedAt(dao, tx);
      assert.equal(BigInt(await dao.killSwitch.read.modelPausedAt([MODEL_ID])), at);
      assert.equal(await isPaused(dao, MODEL_ID), true);
      assert.equal(await isPaused(dao, OTHER_ID), false);
      assert.deepEqual(await dao.killSwitch.read.globalPause(), [false, 0]);
    });

    it("lets governance pause everything and a single model too", async () => {
      const { dao, governance } = await loadFixture(registryFixture);
      await viem.assertions.emitWithArgs(
        dao.killSwitch.write.pauseModel([OTHER_ID, "vote to stop"], { account: governance }),
        dao.killSwitch,
        "ModelPaused",
        [OTHER_ID, getAddress(governance), "vote to stop"],
      );
      await viem.assertions.emitWithArgs(
        dao.killSwitch.write.pause(["vote to stop all"], { account: governance }),
        dao.killSwitch,
        "AllPaused",
        [getAddress(governance), "vote to stop all"],
      );
      assert.equal((await dao.killSwitch.read.globalPause())[0], true);
    });

    it("reverts KillSwitchReasonRequired on an empty reason", async () => {
      const { dao } = await loadFixture(registryFixture);
      await viem.assertions.revertWithCustomError(
        dao.killSwitch.write.pause([""], { account: dao.guardian.account }),
        dao.killSwitch,
        "KillSwitchReasonRequired",
      );
      await viem.assertions.revertWithCustomError(
        dao.killSwitch.write.pauseModel([MODEL_ID, ""], { account: dao.guardian.account }),
        dao.killSwitch,
        "KillSwitchReasonRequired",
      );
      assert.equal(await isPaused(dao), false);
    });

    it("reverts KillSwitchInvalidModelId when a single-model pause names model id zero", async () => {
      const { dao } = await loadFixture(registryFixture);
      await viem.assertions.revertWithCustomError(
        dao.killSwitch.write.pauseModel([zeroHash, "which model?"], { account: dao.guardian.account }),
        dao.killSwitch,
        "KillSwitchInvalidModelId",
      );
      assert.equal(await dao.killSwitch.read.modelPausedAt([zeroHash]), 0);
    });

    it("reverts KillSwitchAlreadyPaused when pausing twice, globally (id 0) or per model (its id)", async () => {
      const { dao, governance } = await loadFixture(registryFixture);
      await dao.killSwitch.write.pause(["first"], { account: dao.guardian.account });
      await viem.assertions.revertWithCustomErrorWithArgs(
        dao.killSwitch.write.pause(["second"], { account: governance }),
        dao.killSwitch,
        "KillSwitchAlreadyPaused",
        [zeroHash],
      );
      await dao.killSwitch.write.pauseModel([MODEL_ID, "first"], { account: dao.guardian.account });
      await viem.assertions.revertWithCustomErrorWithArgs(
        dao.killSwitch.write.pauseModel([MODEL_ID, "second"], { account: dao.guardian.account }),
        dao.killSwitch,
        "KillSwitchAlreadyPaused",
        [MODEL_ID],
      );
    });

    it("reverts KillSwitchUnauthorized for the deployer, the maintainer, a holder and an outsider", async () => {
      const { dao } = await loadFixture(registryFixture);
      for (const wallet of [dao.deployer, dao.maintainer, dao.alice, dao.outsider]) {
        const account = wallet.account;
        await viem.assertions.revertWithCustomErrorWithArgs(
          dao.killSwitch.write.pause(["let me"], { account }),
          dao.killSwitch,
          "KillSwitchUnauthorized",
          [getAddress(account.address)],
        );
        await viem.assertions.revertWithCustomErrorWithArgs(
          dao.killSwitch.write.pauseModel([MODEL_ID, "let me"], { account }),
          dao.killSwitch,
          "KillSwitchUnauthorized",
          [getAddress(account.address)],
        );
      }
      assert.equal(await isPaused(dao), false);
    });
  });

  describe("only governance resumes", () => {
    it("the guardian cannot unpause, unpauseModel or setGuardian", async () => {
      const { dao } = await loadFixture(registryFixture);
      const account = dao.guardian.account;
      await dao.killSwitch.write.pause(["incident"], { account });
      await dao.killSwitch.write.pauseModel([MODEL_ID, "incident"], { account });
      const attempts = [
        () => dao.killSwitch.write.unpause(["done"], { account }),
        () => dao.killSwitch.write.unpauseModel([MODEL_ID, "done"], { account }),
        () => dao.killSwitch.write.setGuardian([dao.outsider.account.address], { account }),
      ];
      for (const attempt of attempts) {
        await viem.assertions.revertWithCustomErrorWithArgs(attempt(), dao.killSwitch, "OwnableUnauthorizedAccount", [
          getAddress(account.address),
        ]);
      }
      assert.equal(await isPaused(dao, OTHER_ID), true);
      assert.equal(await isPaused(dao, MODEL_ID), true);
      assert.equal(getAddress(await dao.killSwitch.read.guardian()), getAddress(account.address));
    });

    it("an outsider cannot unpause either", async () => {
      const { dao } = await loadFixture(registryFixture);
      await dao.killSwitch.write.pause(["incident"], { account: dao.guardian.account });
      await viem.assertions.revertWithCustomErrorWithArgs(
        dao.killSwitch.write.unpause(["done"], { account: dao.outsider.account }),
        dao.killSwitch,
        "OwnableUnauthorizedAccount",
        [getAddress(dao.outsider.account.address)],
      );
    });

    it("governance lifts the global pause through a proposal that passes, queues and executes", async () => {
      const { dao } = await withServingModel();
      await dao.killSwitch.write.pause(["incident"], { account: dao.guardian.account });
      assert.equal((await dao.modelRegistry.read.isServing([MODEL_ID]))[0], false);
      const data = encodeFunctionData({
        abi: dao.killSwitch.abi,
        functionName: "unpause",
        args: ["post-mortem published, fix deployed"],
      });
      const fromBlock = await dao.publicClient.getBlockNumber();
      await passProposal(dao, [{ target: dao.killSwitch.address, data }], "Resume serving after the incident");
      assert.deepEqual(await dao.killSwitch.read.globalPause(), [false, 0]);
      assert.equal((await dao.modelRegistry.read.isServing([MODEL_ID]))[0], true);
      const events = await dao.killSwitch.getEvents.AllUnpaused({ fromBlock });
      assert.equal(events.length, 1);
      assert.equal(events[0].args.reason, "post-mortem published, fix deployed");
    });

    it("governance lifts one model's pause with ModelUnpaused", async () => {
      const { dao, governance } = await loadFixture(registryFixture);
      await dao.killSwitch.write.pauseModel([MODEL_ID, "incident"], { account: dao.guardian.account });
      await viem.assertions.emitWithArgs(
        dao.killSwitch.write.unpauseModel([MODEL_ID, "fixed"], { account: governance }),
        dao.killSwitch,
        "ModelUnpaused",
        [MODEL_ID, "fixed"],
      );
      assert.equal(await dao.killSwitch.read.modelPausedAt([MODEL_ID]), 0);
      assert.equal(await isPaused(dao), false);
    });

    it("governance emits AllUnpaused with the reason and clears pausedAt", async () => {
      const { dao, governance } = await loadFixture(registryFixture);
      await dao.killSwitch.write.pause(["incident"], { account: dao.guardian.account });
      await viem.assertions.emitWithArgs(
        dao.killSwitch.write.unpause(["resolved"], { account: governance }),
        dao.killSwitch,
        "AllUnpaused",
        ["resolved"],
      );
      assert.deepEqual(await dao.killSwitch.read.globalPause(), [false, 0]);
      // and it can be paused again afterwards
      await dao.killSwitch.write.pause(["again"], { account: dao.guardian.account });
      assert.equal((await dao.killSwitch.read.globalPause())[0], true);
    });

    it("requires governance to say why it unpauses: an empty reason reverts KillSwitchReasonRequired", async () => {
      const { dao, governance } = await loadFixture(registryFixture);
      await dao.killSwitch.write.pause(["incident"], { account: dao.guardian.account });
      await dao.killSwitch.write.pauseModel([MODEL_ID, "incident"], { account: dao.guardian.account });
      await viem.assertions.revertWithCustomError(
        dao.killSwitch.write.unpause([""], { account: governance }),
        dao.killSwitch,
        "KillSwitchReasonRequired",
      );
      await viem.assertions.revertWithCustomError(
        dao.killSwitch.write.unpauseModel([MODEL_ID, ""], { account: governance }),
        dao.killSwitch,
        "KillSwitchReasonRequired",
      );
      assert.equal((await dao.killSwitch.read.globalPause())[0], true);
    });

    it("reverts KillSwitchNotPaused when nothing is paused", async () => {
      const { dao, governance } = await loadFixture(registryFixture);
      await viem.assertions.revertWithCustomErrorWithArgs(
        dao.killSwitch.write.unpause(["nothing"], { account: governance }),
        dao.killSwitch,
        "KillSwitchNotPaused",
        [zeroHash],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        dao.killSwitch.write.unpauseModel([MODEL_ID, "nothing"], { account: governance }),
        dao.killSwitch,
        "KillSwitchNotPaused",
        [MODEL_ID],
      );
    });

    it("keeps global and per-model pauses independent: lifting one leaves the other", async () => {
      const { dao, governance } = await loadFixture(registryFixture);
      await dao.killSwitch.write.pauseModel([MODEL_ID, "bias"], { account: dao.guardian.account });
      await dao.killSwitch.write.pause(["incident"], { account: dao.guardian.account });
      await dao.killSwitch.write.unpause(["incident over"], { account: governance });
      assert.equal(await isPaused(dao, MODEL_ID), true);
      assert.equal(await isPaused(dao, OTHER_ID), false);

      await dao.killSwitch.write.pause(["incident 2"], { account: dao.guardian.account });
      await dao.killSwitch.write.unpauseModel([MODEL_ID, "bias fixed"], { account: governance });
      assert.equal(await isPaused(dao, MODEL_ID), true);
      await dao.killSwitch.write.unpause(["incident 2 over"], { account: governance });
      assert.equal(await isPaused(dao, MODEL_ID), false);
    });
  });

  describe("the model registry obeys", () => {
    for (const scope of ["everything", "the model"] as const) {
      it(`activateVersion and rollbackTo revert ModelRegistryPaused even for the timelock while ${scope} is paused`, async () => {
        const { dao, governance } = await withServingModel();
        if (scope === "everything") {
          await dao.killSwitch.write.pause(["incident"], { account: dao.guardian.account });
        } else {
          await dao.killSwitch.write.pauseModel([MODEL_ID, "incident"], { account: dao.guardian.account });
        }
        await viem.assertions.revertWithCustomErrorWithArgs(
          dao.modelRegistry.write.activateVersion([MODEL_ID, 3], { account: governance }),
          dao.modelRegistry,
          "ModelRegistryPaused",
          [MODEL_ID],
        );
        await viem.assertions.revertWithCustomErrorWithArgs(
          dao.modelRegistry.write.rollbackTo([MODEL_ID, 1], { account: governance }),
          dao.modelRegistry,
          "ModelRegistryPaused",
          [MODEL_ID],
        );
        assert.equal(await dao.modelRegistry.read.activeVersion([MODEL_ID]), 2);
      });
    }

    it("a paused model's versions can still be activated once governance unpauses it", async () => {
      const { dao, governance } = await withServingModel();
      await dao.killSwitch.write.pauseModel([MODEL_ID, "incident"], { account: dao.guardian.account });
      await dao.killSwitch.write.unpauseModel([MODEL_ID, "fixed"], { account: governance });
      await dao.modelRegistry.write.rollbackTo([MODEL_ID, 1], { account: governance });
      assert.equal(await dao.modelRegistry.read.activeVersion([MODEL_ID]), 1);
    });

    it("pausing another model does not block this one's activation", async () => {
      const { dao, governance } = await withServingModel();
      await dao.killSwitch.write.pauseModel([OTHER_ID, "incident"], { account: dao.guardian.account });
      await dao.modelRegistry.write.activateVersion([MODEL_ID, 3], { account: governance });
      assert.equal(await dao.modelRegistry.read.activeVersion([MODEL_ID]), 3);
    });

    it("governance can still retire and revoke versions while paused", async () => {
      const { dao, governance } = await withServingModel();
      await dao.killSwitch.write.pause(["incident"], { account: dao.guardian.account });
      await dao.modelRegistry.write.revokeVersion([MODEL_ID, 2, "the cause of the incident"], {
        account: governance,
      });
      await dao.modelRegistry.write.retireVersion([MODEL_ID, 3, "never to ship"], { account: governance });
      assert.equal((await dao.modelRegistry.read.getVersion([MODEL_ID, 2])).status, VersionStatus.Revoked);
      assert.equal((await dao.modelRegistry.read.getVersion([MODEL_ID, 3])).status, VersionStatus.Retired);
      assert.equal(await dao.modelRegistry.read.activeVersion([MODEL_ID]), 0);
    });
  });

  describe("setGuardian", () => {
    it("governance replaces the guardian; the old one can no longer pause, the new one can", async () => {
      const { dao, governance } = await loadFixture(registryFixture);
      const oldGuardian = dao.guardian.account;
      const newGuardian = dao.carol.account;
      await viem.assertions.emitWithArgs(
        dao.killSwitch.write.setGuardian([newGuardian.address], { account: governance }),
        dao.killSwitch,
        "GuardianChanged",
        [getAddress(oldGuardian.address), getAddress(newGuardian.address)],
      );
      assert.equal(getAddress(await dao.killSwitch.read.guardian()), getAddress(newGuardian.address));
      await viem.assertions.revertWithCustomErrorWithArgs(
        dao.killSwitch.write.pause(["still me?"], { account: oldGuardian }),
        dao.killSwitch,
        "KillSwitchUnauthorized",
        [getAddress(oldGuardian.address)],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        dao.killSwitch.write.pauseModel([MODEL_ID, "still me?"], { account: oldGuardian }),
        dao.killSwitch,
        "KillSwitchUnauthorized",
        [getAddress(oldGuardian.address)],
      );
      await dao.killSwitch.write.pauseModel([MODEL_ID, "new guardian"], { account: newGuardian });
      assert.equal(await isPaused(dao), true);
    });

    it("a zero guardian leaves pausing to governance alone", async () => {
      const { dao, governance } = await loadFixture(registryFixture);
      await dao.killSwitch.write.setGuardian([zeroAddress], { account: governance });
      assert.equal(await dao.killSwitch.read.guardian(), zeroAddress);
      await viem.assertions.revertWithCustomErrorWithArgs(
        dao.killSwitch.write.pause(["old guardian"], { account: dao.guardian.account }),
        dao.killSwitch,
        "KillSwitchUnauthorized",
        [getAddress(dao.guardian.account.address)],
      );
      await dao.killSwitch.write.pause(["governance"], { account: governance });
      assert.equal((await dao.killSwitch.read.globalPause())[0], true);
    });

    it("governance replaces the guardian through a proposal that passes, queues and executes", async () => {
      const { dao } = await loadFixture(registryFixture);
      const data = encodeFunctionData({
        abi: dao.killSwitch.abi,
        functionName: "setGuardian",
        args: [dao.dave.account.address],
      });
      await passProposal(dao, [{ target: dao.killSwitch.address, data }], "Rotate the guardian to dave");
      assert.equal(getAddress(await dao.killSwitch.read.guardian()), getAddress(dao.dave.account.address));
      await dao.killSwitch.write.pause(["dave on duty"], { account: dao.dave.account });
      assert.equal((await dao.killSwitch.read.globalPause())[0], true);
    });
  });
});
