// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {KillSwitch} from "../../../contracts/safety/KillSwitch.sol";
import {DatasetRegistry} from "../../../contracts/registry/DatasetRegistry.sol";
import {ModelRegistry} from "../../../contracts/registry/ModelRegistry.sol";
import {Test} from "../utils/Test.sol";

/**
 * @title RegistryHandler
 * @notice Acts as the maintainer (submit), the timelock (activate, roll back, retire, revoke, approve and revoke
 * datasets, pause and unpause) and the guardian (pause), with fuzzed arguments over small id pools so that sequences
 * hit existing models, versions and datasets often.
 * @dev Ghost variables record what each successful call must have done; the invariant test compares them with the
 * registry. Violation counters record properties that can only be checked at call time (what was whitelisted or
 * paused when a call succeeded).
 */
contract RegistryHandler is Test {
    ModelRegistry internal immutable registry;
    DatasetRegistry internal immutable datasets;
    KillSwitch internal immutable killSwitch;
    address internal immutable timelock;
    address internal immutable maintainer;
    address internal immutable guardian;

    bytes32[] internal _modelIds;
    bytes32[] internal _datasetIds;

    struct GhostVersion {
        bytes32 manifestDigest;
        bytes32 evaluationDataset;
        uint32 parentVersion;
        uint16 claimedAccuracyBps;
        uint16 claimedMacroF1Bps;
        uint40 submittedAt;
        bool activatedByTimelock;
        bool everRevoked;
        bool everRetired;
    }

    mapping(bytes32 modelId => uint32) public ghostVersionCount;
    mapping(bytes32 modelId => mapping(uint32 version => GhostVersion)) internal _ghostVersions;

    uint256 public submissionsWithUnlistedDataset;
    uint256 public activationsWhilePaused;
    uint256 public activationsNotByTimelock;
    uint256 public nonSequentialVersionNumbers;

    // Coverage counters, to check the sequences do reach every transition.
    uint256 public submitted;
    uint256 public activated;
    uint256 public rolledBack;
    uint256 public retired;
    uint256 public revoked;
    uint256 public blockedByPause;

    constructor(
        ModelRegistry registry_,
        DatasetRegistry datasets_,
        KillSwitch killSwitch_,
        address timelock_,
        address maintainer_,
        address guardian_,
        bytes32[] memory modelIds_,
        bytes32[] memory datasetIds_
    ) {
        registry = registry_;
        datasets = datasets_;
        killSwitch = killSwitch_;
        timelock = timelock_;
        maintainer = maintainer_;
        guardian = guardian_;
        _modelIds = modelIds_;
        _datasetIds = datasetIds_;
    }

    function ghostVersion(bytes32 modelId, uint32 version) external view returns (GhostVersion memory) {
        return _ghostVersions[modelId][version];
    }

    function modelIds() external view returns (bytes32[] memory) {
        return _modelIds;
    }

    function _model(uint256 seed) internal view returns (bytes32) {
        return _modelIds[seed % _modelIds.length];
    }

    function _dataset(uint256 seed) internal view returns (bytes32) {
        return _datasetIds[seed % _datasetIds.length];
    }

    function _listedDatasets() internal view returns (bytes32[] memory listed, uint256 n) {
        listed = new bytes32[](_datasetIds.length);
        for (uint256 i = 0; i < _datasetIds.length; ++i) {
            if (datasets.isApproved(_datasetIds[i])) listed[n++] = _datasetIds[i];
        }
    }

    function _version(bytes32 modelId, uint256 seed) internal view returns (uint32) {
        // Mostly existing versions, sometimes 0 or one past the end.
        return uint32(bound(seed, 0, registry.getModel(modelId).versionCount + 1));
    }

    /// @dev Usually a version in `wanted` status (so that transitions happen often), sometimes any version.
    function _versionIn(
        bytes32 modelId,
        uint256 seed,
        ModelRegistry.VersionStatus wanted
    ) internal view returns (uint32) {
        uint32 count = registry.getModel(modelId).versionCount;
        if (count == 0 || seed % 8 == 0) return _version(modelId, seed >> 3);
        for (uint32 i = 0; i < count; ++i) {
            uint32 v = uint32(((seed >> 3) + i) % count) + 1;
            if (registry.getVersion(modelId, v).status == wanted) return v;
        }
        return _version(modelId, seed >> 3);
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 0, 7 days));
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Maintainer
    // ----------------------------------------------------------------------------------------------------------------

    function submit(
        uint256 modelSeed,
        uint256 parentSeed,
        bytes32 digest,
        uint256 trainingCount,
        uint256 datasetSeed,
        uint256 evalSeed,
        uint16 accuracy,
        uint16 macroF1
    ) external {
        bytes32 modelId = _model(modelSeed);
        trainingCount = bound(trainingCount, 0, 3);
        bytes32[] memory training = new bytes32[](trainingCount);
        bytes32 evaluation;
        if (datasetSeed % 4 == 0) {
            // Anything from the pool: unlisted, revoked, zero, duplicated, or the evaluation set itself.
            for (uint256 i = 0; i < trainingCount; ++i) training[i] = _dataset(datasetSeed >> (8 + i * 8));
            evaluation = _dataset(evalSeed);
        } else {
            // Listed datasets, the evaluation set apart from the training sets: a submission that should pass.
            (bytes32[] memory listed, uint256 n) = _listedDatasets();
            if (n == 0) return;
            evaluation = listed[evalSeed % n];
            for (uint256 i = 0; i < trainingCount; ++i) {
                bytes32 candidate = listed[(datasetSeed >> (8 + i * 8)) % n];
                training[i] = candidate == evaluation ? listed[(evalSeed + 1) % n] : candidate;
            }
        }
        bool allListed = datasets.isApproved(evaluation);
        for (uint256 i = 0; i < trainingCount; ++i) allListed = allListed && datasets.isApproved(training[i]);
        ModelRegistry.ModelVersionInput memory input = ModelRegistry.ModelVersionInput({
            modelId: modelId,
            parentVersion: _version(modelId, parentSeed),
            cid: "bafybeihkoviema7g3gxyt6la7vd5ho32ictqbilu3wnlo3rs7ewhnp7lly",
            manifestDigest: digest,
            cardDigest: keccak256(abi.encode(digest)),
            trainingDatasets: training,
            evaluationDataset: evaluation,
            claimedAccuracyBps: uint16(bound(accuracy, 0, 10_050)),
            claimedMacroF1Bps: uint16(bound(macroF1, 0, 10_050))
        });
        uint32 countBefore = registry.getModel(modelId).versionCount;
        vm.prank(maintainer);
        try registry.submitModelVersion(input) returns (uint32 version) {
            ++submitted;
            if (!allListed) ++submissionsWithUnlistedDataset;
            if (version != countBefore + 1) ++nonSequentialVersionNumbers;
            ghostVersionCount[modelId] = version;
            _ghostVersions[modelId][version] = GhostVersion({
                manifestDigest: input.manifestDigest,
                evaluationDataset: input.evaluationDataset,
                parentVersion: input.parentVersion,
                claimedAccuracyBps: input.claimedAccuracyBps,
                claimedMacroF1Bps: input.claimedMacroF1Bps,
                submittedAt: uint40(block.timestamp),
                activatedByTimelock: false,
                everRevoked: false,
                everRetired: false
            });
        } catch {}
    }

    /// @notice The maintainer is not governance: its attempts to change what serves must all fail.
    function maintainerTriesToActivate(uint256 modelSeed, uint256 versionSeed, bool useRollback) external {
        bytes32 modelId = _model(modelSeed);
        uint32 version = _versionIn(
            modelId,
            versionSeed,
            useRollback ? ModelRegistry.VersionStatus.Superseded : ModelRegistry.VersionStatus.Candidate
        );
        bytes memory data =
            useRollback
                ? abi.encodeCall(registry.rollbackTo, (modelId, version))
                : abi.encodeCall(registry.activateVersion, (modelId, version));
        vm.prank(maintainer);
        (bool ok, ) = address(registry).call(data);
        if (ok) ++activationsNotByTimelock;
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Timelock (governance)
    // ----------------------------------------------------------------------------------------------------------------

    function activate(uint256 modelSeed, uint256 versionSeed) external {
        bytes32 modelId = _model(modelSeed);
        uint32 version = _versionIn(modelId, versionSeed, ModelRegistry.VersionStatus.Candidate);
        bool paused = killSwitch.isPaused(modelId);
        vm.prank(timelock);
        try registry.activateVersion(modelId, version) {
            ++activated;
            if (paused) ++activationsWhilePaused;
            _ghostVersions[modelId][version].activatedByTimelock = true;
        } catch (bytes memory reason) {
            if (bytes4(reason) == ModelRegistry.ModelRegistryPaused.selector) ++blockedByPause;
        }
    }

    function rollback(uint256 modelSeed, uint256 versionSeed) external {
        bytes32 modelId = _model(modelSeed);
        uint32 version = _versionIn(modelId, versionSeed, ModelRegistry.VersionStatus.Superseded);
        bool paused = killSwitch.isPaused(modelId);
        vm.prank(timelock);
        try registry.rollbackTo(modelId, version) {
            ++rolledBack;
            if (paused) ++activationsWhilePaused;
            _ghostVersions[modelId][version].activatedByTimelock = true;
        } catch (bytes memory reason) {
            if (bytes4(reason) == ModelRegistry.ModelRegistryPaused.selector) ++blockedByPause;
        }
    }

    function retire(uint256 modelSeed, uint256 versionSeed) external {
        bytes32 modelId = _model(modelSeed);
        // Aim at a Candidate, Active or Superseded version.
        ModelRegistry.VersionStatus wanted = ModelRegistry.VersionStatus(1 + ((versionSeed >> 128) % 3));
        uint32 version = _versionIn(modelId, versionSeed, wanted);
        vm.prank(timelock);
        try registry.retireVersion(modelId, version, "obsolete") {
            ++retired;
            _ghostVersions[modelId][version].everRetired = true;
        } catch {}
    }

    function revoke(uint256 modelSeed, uint256 versionSeed) external {
        bytes32 modelId = _model(modelSeed);
        // Aim at a Candidate, Active, Superseded or Retired version.
        ModelRegistry.VersionStatus wanted = ModelRegistry.VersionStatus(1 + ((versionSeed >> 128) % 4));
        uint32 version = _versionIn(modelId, versionSeed, wanted);
        vm.prank(timelock);
        try registry.revokeVersion(modelId, version, "poisoned") {
            ++revoked;
            _ghostVersions[modelId][version].everRevoked = true;
        } catch {}
    }

    function approveDataset(uint256 datasetSeed) external {
        DatasetRegistry.DatasetInput memory input = DatasetRegistry.DatasetInput({
            id: _dataset(datasetSeed),
            cid: "bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi",
            manifestDigest: keccak256(abi.encode(datasetSeed)),
            cardDigest: keccak256(abi.encode(datasetSeed, 1)),
            license: "CC-BY-4.0",
            source: "https://example.org",
            creator: "ModelDAO"
        });
        vm.prank(timelock);
        try datasets.approveDataset(input) {} catch {}
    }

    function revokeDataset(uint256 datasetSeed) external {
        vm.prank(timelock);
        try datasets.revokeDataset(_dataset(datasetSeed), "license problem") {} catch {}
    }

    function pause(uint256 modelSeed, bool global, bool byGuardian) external {
        vm.prank(byGuardian ? guardian : timelock);
        if (global) {
            try killSwitch.pause("incident") {} catch {}
        } else {
            try killSwitch.pauseModel(_model(modelSeed), "incident") {} catch {}
        }
    }

    function unpause(uint256 modelSeed, bool global) external {
        vm.prank(timelock);
        if (global) {
            try killSwitch.unpause("fixed") {} catch {}
        } else {
            try killSwitch.unpauseModel(_model(modelSeed), "fixed") {} catch {}
        }
    }
}
