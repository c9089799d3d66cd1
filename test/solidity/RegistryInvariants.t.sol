// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ModelRegistry} from "../../contracts/registry/ModelRegistry.sol";
import {DatasetRegistry} from "../../contracts/registry/DatasetRegistry.sol";
import {DaoFixture} from "./utils/DaoFixture.sol";
import {StdInvariantLite} from "./utils/Test.sol";
import {RegistryHandler} from "./handlers/RegistryHandler.sol";

/**
 * @notice Model registry invariants under any sequence of maintainer submissions and governance transitions:
 * - versions are append-only: the count never decreases and a stored version (digest, lineage, metrics) never changes;
 * - the active version exists, was activated by the timelock, was never revoked, and is the only Active one;
 * - Retired and Revoked are final;
 * - a version only names datasets that were whitelisted when it was submitted;
 * - while a model is paused, nothing activates.
 */
contract RegistryInvariantsTest is DaoFixture, StdInvariantLite {
    RegistryHandler internal handler;

    function setUp() public {
        _deployDao();
        approveDatasetAsTimelock("mnist-train");
        approveDatasetAsTimelock("mnist-eval");
        approveDatasetAsTimelock("emnist-train");

        bytes32[] memory modelPool = new bytes32[](3);
        modelPool[0] = "digits";
        modelPool[1] = "letters";
        modelPool[2] = "sentiment";
        bytes32[] memory datasetPool = new bytes32[](6);
        datasetPool[0] = "mnist-train";
        datasetPool[1] = "mnist-eval";
        datasetPool[2] = "emnist-train";
        datasetPool[3] = "emnist-eval"; // not approved at first; the handler may approve it
        datasetPool[4] = "scraped-web"; // idem
        datasetPool[5] = bytes32(0); // can never be approved
        handler = new RegistryHandler(
            registry,
            datasets,
            killSwitch,
            address(timelock),
            maintainer,
            guardian,
            modelPool,
            datasetPool
        );
        // Start from a populated registry, through the handler so that its ghosts know it: three versions of each
        // model; for the first two, v1 Superseded, v2 Active, v3 Candidate.
        for (uint256 m = 0; m < 3; ++m) {
            for (uint256 v = 1; v <= 3; ++v) {
                handler.submit(m, 0, keccak256(abi.encode(m, v)), 1, 1, 1, 9_000, 8_900);
            }
            if (m < 2) {
                handler.activate(m, 1);
                handler.activate(m, 1);
            }
        }
        assertEq(handler.submitted(), 9, "bootstrap submissions");
        assertEq(handler.activated(), 4, "bootstrap activations");

        targetContract(address(handler));
    }

    function invariant_VersionCountNeverDecreases() public view {
        bytes32[] memory ids = handler.modelIds();
        uint256 created;
        for (uint256 i = 0; i < ids.length; ++i) {
            uint32 count = registry.getModel(ids[i]).versionCount;
            // The ghost count only ever grows (set to each new version number), so equality means monotonic.
            assertEq(count, handler.ghostVersionCount(ids[i]), "version count");
            if (count > 0) ++created;
        }
        assertEq(registry.modelIds().length, created, "model ids listed once each");
        assertEq(handler.nonSequentialVersionNumbers(), 0, "version numbers are count + 1");
    }

    function invariant_StoredVersionsNeverChange() public view {
        bytes32[] memory ids = handler.modelIds();
        for (uint256 i = 0; i < ids.length; ++i) {
            uint32 count = registry.getModel(ids[i]).versionCount;
            for (uint32 v = 1; v <= count; ++v) {
                ModelRegistry.ModelVersion memory stored = registry.getVersion(ids[i], v);
                RegistryHandler.GhostVersion memory ghost = handler.ghostVersion(ids[i], v);
                assertEq(stored.manifestDigest, ghost.manifestDigest, "manifest digest");
                assertEq(stored.evaluationDataset, ghost.evaluationDataset, "evaluation dataset");
                assertEq(stored.parentVersion, ghost.parentVersion, "parent");
                assertEq(stored.claimedAccuracyBps, ghost.claimedAccuracyBps, "accuracy");
                assertEq(stored.claimedMacroF1Bps, ghost.claimedMacroF1Bps, "macro F1");
                assertEq(stored.submittedAt, ghost.submittedAt, "submittedAt");
                assertLt(stored.parentVersion, v, "parent precedes the version");
                assertTrue(stored.status != ModelRegistry.VersionStatus.None, "stored versions exist");
            }
            assertTrue(
                registry.getVersion(ids[i], count + 1).status == ModelRegistry.VersionStatus.None,
                "nothing past the count"
            );
        }
    }

    function invariant_ActiveVersionIsValid() public view {
        assertEq(handler.activationsNotByTimelock(), 0, "only the timelock activates");
        bytes32[] memory ids = handler.modelIds();
        for (uint256 i = 0; i < ids.length; ++i) {
            ModelRegistry.Model memory model = registry.getModel(ids[i]);
            if (model.activeVersion != 0) {
                assertLe(model.activeVersion, model.versionCount, "active version exists");
                ModelRegistry.ModelVersion memory active = registry.getVersion(ids[i], model.activeVersion);
                RegistryHandler.GhostVersion memory ghost = handler.ghostVersion(ids[i], model.activeVersion);
                assertTrue(active.status == ModelRegistry.VersionStatus.Active, "active status");
                assertTrue(active.activatedAt != 0, "activatedAt set");
                assertGe(active.activatedAt, active.submittedAt, "activated after submission");
                assertTrue(ghost.activatedByTimelock, "activated by the timelock");
                assertFalse(ghost.everRevoked, "never revoked");
            }
            for (uint32 v = 1; v <= model.versionCount; ++v) {
                ModelRegistry.VersionStatus status = registry.getVersion(ids[i], v).status;
                assertEq(status == ModelRegistry.VersionStatus.Active, v == model.activeVersion, "one Active");
            }
        }
    }

    function invariant_RetiredAndRevokedAreFinal() public view {
        bytes32[] memory ids = handler.modelIds();
        for (uint256 i = 0; i < ids.length; ++i) {
            uint32 count = registry.getModel(ids[i]).versionCount;
            for (uint32 v = 1; v <= count; ++v) {
                ModelRegistry.ModelVersion memory stored = registry.getVersion(ids[i], v);
                RegistryHandler.GhostVersion memory ghost = handler.ghostVersion(ids[i], v);
                if (ghost.everRevoked) {
                    assertTrue(stored.status == ModelRegistry.VersionStatus.Revoked, "revoked is final");
                } else if (ghost.everRetired) {
                    assertTrue(
                        stored.status == ModelRegistry.VersionStatus.Retired ||
                            stored.status == ModelRegistry.VersionStatus.Revoked,
                        "retired is final (but may be revoked)"
                    );
                }
                if (stored.status == ModelRegistry.VersionStatus.Superseded) {
                    assertTrue(stored.activatedAt != 0, "only a once-active version is Superseded");
                }
            }
        }
    }

    function invariant_VersionsNameOnlyWhitelistedDatasets() public view {
        assertEq(handler.submissionsWithUnlistedDataset(), 0, "submission with a non-whitelisted dataset");
        bytes32[] memory ids = handler.modelIds();
        for (uint256 i = 0; i < ids.length; ++i) {
            uint32 count = registry.getModel(ids[i]).versionCount;
            for (uint32 v = 1; v <= count; ++v) {
                ModelRegistry.ModelVersion memory stored = registry.getVersion(ids[i], v);
                DatasetRegistry.Dataset memory evaluation = datasets.getDataset(stored.evaluationDataset);
                assertTrue(evaluation.status != DatasetRegistry.DatasetStatus.Unknown, "evaluation set was listed");
                assertLe(evaluation.approvedAt, stored.submittedAt, "listed before submission");
                if (evaluation.status == DatasetRegistry.DatasetStatus.Revoked) {
                    assertGe(evaluation.revokedAt, stored.submittedAt, "revoked after submission");
                }
            }
        }
    }

    function invariant_NothingActivatesWhilePaused() public view {
        assertEq(handler.activationsWhilePaused(), 0, "activation while paused");
        bytes32[] memory ids = handler.modelIds();
        for (uint256 i = 0; i < ids.length; ++i) {
            (bool serving, uint32 version, ) = registry.isServing(ids[i]);
            if (killSwitch.isPaused(ids[i])) assertFalse(serving, "a paused model does not serve");
            else assertEq(serving, version != 0, "an unpaused model with an active version serves");
        }
    }
}
