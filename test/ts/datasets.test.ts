import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { encodeFunctionData, getAddress, zeroHash } from "viem";
import { id, passProposal } from "../helpers/dao.js";
import { datasetInput, DatasetStatus, EVAL, EXTRA, minedAt, registryFixture, TRAIN } from "../helpers/registry.js";

describe("DatasetRegistry: the dataset whitelist", async () => {
  const connection = await network.create();
  const { viem, networkHelpers } = connection;
  const { loadFixture } = networkHelpers;

  describe("approveDataset", () => {
    it("stores the manifest digest, the Approved status and the approval time", async () => {
      const { dao, governance } = await loadFixture(registryFixture);
      const input = datasetInput("mnist-train");
      const at = await minedAt(dao, dao.datasetRegistry.write.approveDataset([input], { account: governance }));
      const stored = await dao.datasetRegistry.read.getDataset([input.id]);
      assert.equal(stored.manifestDigest, input.manifestDigest);
      assert.equal(stored.status, DatasetStatus.Approved);
      assert.equal(BigInt(stored.approvedAt), at);
      assert.equal(stored.revokedAt, 0);
      assert.equal(await dao.datasetRegistry.read.isApproved([input.id]), true);
    });

    it("emits DatasetApproved with the id, the digest and the full DatasetInput", async () => {
      const { dao, governance } = await loadFixture(registryFixture);
      const input = datasetInput("mnist-train");
      await viem.assertions.emitWithArgs(
        dao.datasetRegistry.write.approveDataset([input], { account: governance }),
        dao.datasetRegistry,
        "DatasetApproved",
        [input.id, input.manifestDigest, input],
      );
    });

    it("counts approved datasets", async () => {
      const { dao, governance } = await loadFixture(registryFixture);
      assert.equal(await dao.datasetRegistry.read.approvedCount(), 3n); // TRAIN, EXTRA, EVAL from the fixture
      await dao.datasetRegistry.write.approveDataset([datasetInput("a")], { account: governance });
      await dao.datasetRegistry.write.approveDataset([datasetInput("b")], { account: governance });
      assert.equal(await dao.datasetRegistry.read.approvedCount(), 5n);
    });

    it("accepts a CID of exactly 128 bytes", async () => {
      const { dao, governance } = await loadFixture(registryFixture);
      const input = datasetInput("long-cid", { cid: "b".repeat(128) });
      await dao.datasetRegistry.write.approveDataset([input], { account: governance });
      assert.equal(await dao.datasetRegistry.read.isApproved([input.id]), true);
    });

    it("reverts when anyone but governance approves", async () => {
      const { dao } = await loadFixture(registryFixture);
      for (const wallet of [dao.deployer, dao.guardian, dao.maintainer, dao.alice, dao.outsider]) {
        await viem.assertions.revertWithCustomErrorWithArgs(
          dao.datasetRegistry.write.approveDataset([datasetInput("x")], { account: wallet.account }),
          dao.datasetRegistry,
          "OwnableUnauthorizedAccount",
          [getAddress(wallet.account.address)],
        );
      }
    });

    it("reverts on a zero id", async () => {
      const { dao, governance } = await loadFixture(registryFixture);
      await viem.assertions.revertWithCustomError(
        dao.datasetRegistry.write.approveDataset([datasetInput("x", { id: zeroHash })], { account: governance }),
        dao.datasetRegistry,
        "DatasetRegistryInvalidId",
      );
    });

    it("reverts on a zero manifest digest", async () => {
      const { dao, governance } = await loadFixture(registryFixture);
      await viem.assertions.revertWithCustomErrorWithArgs(
        dao.datasetRegistry.write.approveDataset([datasetInput("x", { manifestDigest: zeroHash })], {
          account: governance,
        }),
        dao.datasetRegistry,
        "DatasetRegistryInvalidDigest",
        [id("x")],
      );
    });

    it("reverts on an empty CID", async () => {
      const { dao, governance } = await loadFixture(registryFixture);
      await viem.assertions.revertWithCustomErrorWithArgs(
        dao.datasetRegistry.write.approveDataset([datasetInput("x", { cid: "" })], { account: governance }),
        dao.datasetRegistry,
        "DatasetRegistryInvalidCid",
        [id("x")],
      );
    });

    it("reverts on a CID longer than 128 bytes, counted in bytes not characters", async () => {
      const { dao, governance } = await loadFixture(registryFixture);
      for (const tooLong of ["b".repeat(129), "é".repeat(65)]) {
        await viem.assertions.revertWithCustomErrorWithArgs(
          dao.datasetRegistry.write.approveDataset([datasetInput("x", { cid: tooLong })], { account: governance }),
          dao.datasetRegistry,
          "DatasetRegistryInvalidCid",
          [id("x")],
        );
      }
    });

    for (const field of ["license", "source", "creator"] as const) {
      it(`reverts when the ${field} is missing`, async () => {
        const { dao, governance } = await loadFixture(registryFixture);
        await viem.assertions.revertWithCustomErrorWithArgs(
          dao.datasetRegistry.write.approveDataset([datasetInput("x", { [field]: "" })], { account: governance }),
          dao.datasetRegistry,
          "DatasetRegistryMissingProvenance",
          [id("x")],
        );
      });
    }

    it("reverts when the id is already approved, even with other content", async () => {
      const { dao, governance } = await loadFixture(registryFixture);
      await viem.assertions.revertWithCustomErrorWithArgs(
        dao.datasetRegistry.write.approveDataset([datasetInput(TRAIN, { cid: "bafyother" })], {
          account: governance,
        }),
        dao.datasetRegistry,
        "DatasetRegistryAlreadyExists",
        [id(TRAIN)],
      );
    });

    it("never reuses an id: approving a revoked id reverts DatasetRegistryAlreadyExists", async () => {
      const { dao, governance } = await loadFixture(registryFixture);
      await dao.datasetRegistry.write.revokeDataset([id(TRAIN), "license withdrawn"], { account: governance });
      await viem.assertions.revertWithCustomErrorWithArgs(
        dao.datasetRegistry.write.approveDataset([datasetInput(TRAIN)], { account: governance }),
        dao.datasetRegistry,
        "DatasetRegistryAlreadyExists",
        [id(TRAIN)],
      );
      assert.equal(await dao.datasetRegistry.read.isApproved([id(TRAIN)]), false);
    });
  });

  describe("revokeDataset", () => {
    it("marks the dataset Revoked with the time, keeps its record, and emits DatasetRevoked with the reason", async () => {
      const { dao, governance } = await loadFixture(registryFixture);
      const before = await dao.datasetRegistry.read.getDataset([id(TRAIN)]);
      const tx = dao.datasetRegistry.write.revokeDataset([id(TRAIN), "test images leaked into training"], {
        account: governance,
      });
      await viem.assertions.emitWithArgs(tx, dao.datasetRegistry, "DatasetRevoked", [
        id(TRAIN),
        "test images leaked into training",
      ]);
      const at = await minedAt(dao, tx);
      const after = await dao.datasetRegistry.read.getDataset([id(TRAIN)]);
      assert.equal(after.status, DatasetStatus.Revoked);
      assert.equal(BigInt(after.revokedAt), at);
      assert.equal(after.approvedAt, before.approvedAt);
      assert.equal(after.manifestDigest, before.manifestDigest);
    });

    it("removes the dataset from isApproved and approvedCount, leaving the others", async () => {
      const { dao, governance } = await loadFixture(registryFixture);
      assert.equal(await dao.datasetRegistry.read.approvedCount(), 3n);
      await dao.datasetRegistry.write.revokeDataset([id(EXTRA), "duplicate of digits-train"], {
        account: governance,
      });
      assert.equal(await dao.datasetRegistry.read.approvedCount(), 2n);
      assert.equal(await dao.datasetRegistry.read.isApproved([id(EXTRA)]), false);
      assert.equal(await dao.datasetRegistry.read.isApproved([id(TRAIN)]), true);
      assert.equal(await dao.datasetRegistry.read.isApproved([id(EVAL)]), true);
    });

    it("reverts on an empty reason", async () => {
      const { dao, governance } = await loadFixture(registryFixture);
      await viem.assertions.revertWithCustomError(
        dao.datasetRegistry.write.revokeDataset([id(TRAIN), ""], { account: governance }),
        dao.datasetRegistry,
        "DatasetRegistryReasonRequired",
      );
    });

    it("reverts for an unknown id and for an already revoked one", async () => {
      const { dao, governance } = await loadFixture(registryFixture);
      await viem.assertions.revertWithCustomErrorWithArgs(
        dao.datasetRegistry.write.revokeDataset([id("never-seen"), "why"], { account: governance }),
        dao.datasetRegistry,
        "DatasetRegistryNotApproved",
        [id("never-seen")],
      );
      await dao.datasetRegistry.write.revokeDataset([id(TRAIN), "first"], { account: governance });
      await viem.assertions.revertWithCustomErrorWithArgs(
        dao.datasetRegistry.write.revokeDataset([id(TRAIN), "second"], { account: governance }),
        dao.datasetRegistry,
        "DatasetRegistryNotApproved",
        [id(TRAIN)],
      );
      assert.equal(await dao.datasetRegistry.read.approvedCount(), 2n);
    });

    it("reverts when anyone but governance revokes", async () => {
      const { dao } = await loadFixture(registryFixture);
      for (const wallet of [dao.guardian, dao.maintainer, dao.outsider]) {
        await viem.assertions.revertWithCustomErrorWithArgs(
          dao.datasetRegistry.write.revokeDataset([id(TRAIN), "mine now"], { account: wallet.account }),
          dao.datasetRegistry,
          "OwnableUnauthorizedAccount",
          [getAddress(wallet.account.address)],
        );
      }
      assert.equal(await dao.datasetRegistry.read.isApproved([id(TRAIN)]), true);
    });
  });

  describe("views", () => {
    it("reports an unknown id as not approved with a zeroed record", async () => {
      const { dao } = await loadFixture(registryFixture);
      assert.equal(await dao.datasetRegistry.read.isApproved([id("unknown")]), false);
      assert.equal(await dao.datasetRegistry.read.isApproved([zeroHash]), false);
      const stored = await dao.datasetRegistry.read.getDataset([id("unknown")]);
      assert.deepEqual(stored, {
        manifestDigest: zeroHash,
        status: DatasetStatus.Unknown,
        approvedAt: 0,
        revokedAt: 0,
      });
    });
  });

  describe("through real governance", () => {
    it("approves then revokes a dataset by proposals that pass, queue and execute", async () => {
      const { dao } = await loadFixture(registryFixture);
      const input = datasetInput("emnist-digits");
      const approve = encodeFunctionData({
        abi: dao.datasetRegistry.abi,
        functionName: "approveDataset",
        args: [input],
      });
      await passProposal(dao, [{ target: dao.datasetRegistry.address, data: approve }], "Whitelist EMNIST digits");
      assert.equal(await dao.datasetRegistry.read.isApproved([input.id]), true);
      assert.equal(await dao.datasetRegistry.read.approvedCount(), 4n);

      const revoke = encodeFunctionData({
        abi: dao.datasetRegistry.abi,
        functionName: "revokeDataset",
        args: [input.id, "license incompatible with redistribution"],
      });
      await passProposal(dao, [{ target: dao.datasetRegistry.address, data: revoke }], "Revoke EMNIST digits");
      assert.equal(await dao.datasetRegistry.read.isApproved([input.id]), false);
      assert.equal(await dao.datasetRegistry.read.approvedCount(), 3n);
    });
  });
});
