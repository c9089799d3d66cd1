// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {DatasetRegistry} from "./DatasetRegistry.sol";
import {KillSwitch} from "../safety/KillSwitch.sol";

/**
 * @title ModelRegistry
 * @notice Append-only, versioned registry of the models ModelDAO governs. Maintainers submit candidate versions that
 * name only whitelisted datasets; governance (the timelock) activates, rolls back, retires or revokes them.
 * @dev Roles: `DEFAULT_ADMIN_ROLE` is held by the timelock alone and is the only role that changes which version
 * serves; `MAINTAINER_ROLE` submits candidates and is granted and revoked by the admin (governance).
 * Storage keeps what contracts and the dApp must check: each version's manifest digest (every byte the browser parses
 * is verified against it), evaluation dataset, status, parent and claimed metrics. The CID, card digest and training
 * datasets are in {ModelVersionSubmitted}, from which an indexer rebuilds everything.
 * Model and dataset ids are short ASCII names right-padded with zeros to 32 bytes (`digits`, `mnist-eval`).
 */
contract ModelRegistry is AccessControl {
    /// @notice The role that may submit candidate versions.
    bytes32 public constant MAINTAINER_ROLE = keccak256("MAINTAINER_ROLE");

    /// @notice At most this many training datasets per version.
    uint256 public constant MAX_TRAINING_DATASETS = 16;

    /// @notice Lifecycle of a version.
    /// Candidate → Active (activate) → Superseded (another one activated) → Active (rollback).
    /// Candidate, Active or Superseded → Retired (final). Anything but Revoked → Revoked (final).
    enum VersionStatus {
        None,
        Candidate,
        Active,
        Superseded,
        Retired,
        Revoked
    }

    /// @notice What a maintainer submits.
    struct ModelVersionInput {
        bytes32 modelId;
        uint32 parentVersion;
        string cid;
        bytes32 manifestDigest;
        bytes32 cardDigest;
        bytes32[] trainingDatasets;
        bytes32 evaluationDataset;
        uint16 claimedAccuracyBps;
        uint16 claimedMacroF1Bps;
    }

    /// @notice What is stored for each version (two words plus one packed word).
    struct ModelVersion {
        bytes32 manifestDigest;
        bytes32 evaluationDataset;
        VersionStatus status;
        uint32 parentVersion;
        uint16 claimedAccuracyBps;
        uint16 claimedMacroF1Bps;
        uint40 submittedAt;
        uint40 activatedAt;
    }

    struct Model {
        uint32 versionCount;
        uint32 activeVersion;
    }

    DatasetRegistry private immutable _datasets;
    KillSwitch private immutable _killSwitch;

    bytes32[] private _modelIds;
    mapping(bytes32 modelId => Model) private _models;
    mapping(bytes32 modelId => mapping(uint256 version => ModelVersion)) private _versions;

    /// @notice Emitted on the first submission for a model id.
    event ModelCreated(bytes32 indexed modelId);
    /// @notice Emitted when a maintainer submits a version; carries everything submitted.
    event ModelVersionSubmitted(
        bytes32 indexed modelId,
        uint32 indexed version,
        address indexed submitter,
        ModelVersionInput input
    );
    /// @notice Emitted when governance activates a candidate. `previousVersion` is 0 when none was active.
    event ModelVersionActivated(bytes32 indexed modelId, uint32 indexed version, uint32 previousVersion);
    /// @notice Emitted when governance re-activates an earlier version.
    event ModelRolledBack(bytes32 indexed modelId, uint32 indexed version, uint32 previousVersion);
    /// @notice Emitted when governance retires a version.
    event ModelVersionRetired(bytes32 indexed modelId, uint32 indexed version, string reason);
    /// @notice Emitted when governance revokes a version.
    event ModelVersionRevoked(bytes32 indexed modelId, uint32 indexed version, string reason);

    /// @notice A constructor address is zero.
    error ModelRegistryZeroAddress();
    /// @notice The model id is zero.
    error ModelRegistryInvalidModelId();
    /// @notice The manifest digest is zero.
    error ModelRegistryInvalidDigest();
    /// @notice The CID is empty or longer than 128 bytes.
    error ModelRegistryInvalidCid();
    /// @notice A claimed metric is above 10,000 basis points.
    error ModelRegistryInvalidMetric(uint16 value);
    /// @notice No training dataset, or more than {MAX_TRAINING_DATASETS}.
    error ModelRegistryInvalidTrainingDatasets(uint256 count);
    /// @notice The named dataset is not on the whitelist.
    error ModelRegistryDatasetNotWhitelisted(bytes32 datasetId);
    /// @notice A training dataset is named twice.
    error ModelRegistryDuplicateDataset(bytes32 datasetId);
    /// @notice The evaluation dataset is also a training dataset: the claimed metrics would not be held-out.
    error ModelRegistryEvaluationDatasetUsedForTraining(bytes32 datasetId);
    /// @notice The parent version does not exist for this model.
    error ModelRegistryUnknownParent(bytes32 modelId, uint32 parentVersion);
    /// @notice The version does not exist.
    error ModelRegistryUnknownVersion(bytes32 modelId, uint32 version);
    /// @notice The version's status does not allow this transition.
    error ModelRegistryInvalidStatus(bytes32 modelId, uint32 version, VersionStatus status);
    /// @notice The model is paused by the kill switch: nothing activates.
    error ModelRegistryPaused(bytes32 modelId);
    /// @notice A reason is required.
    error ModelRegistryReasonRequired();

    /**
     * @param governance The timelock; receives `DEFAULT_ADMIN_ROLE`.
     * @param datasets_ The dataset whitelist that submissions are checked against.
     * @param killSwitch_ The kill switch that blocks activation and serving.
     * @param maintainers The initial maintainers.
     */
    constructor(address governance, DatasetRegistry datasets_, KillSwitch killSwitch_, address[] memory maintainers) {
        if (governance == address(0) || address(datasets_) == address(0) || address(killSwitch_) == address(0)) {
            revert ModelRegistryZeroAddress();
        }
        _datasets = datasets_;
        _killSwitch = killSwitch_;
        _grantRole(DEFAULT_ADMIN_ROLE, governance);
        for (uint256 i = 0; i < maintainers.length; ++i) {
            _grantRole(MAINTAINER_ROLE, maintainers[i]);
        }
    }

    /**
     * @notice Submits a candidate version of `input.modelId`; the first submission creates the model.
     * Every named dataset must be whitelisted now, and the evaluation dataset must not be a training dataset.
     * Only maintainers.
     * @param input Content address, card digest, lineage, datasets and claimed metrics.
     * @return version The new version number (1 for a model's first version).
     */
    function submitModelVersion(
        ModelVersionInput calldata input
    ) external onlyRole(MAINTAINER_ROLE) returns (uint32 version) {
        bytes32 modelId = input.modelId;
        if (modelId == bytes32(0)) revert ModelRegistryInvalidModelId();
        if (input.manifestDigest == bytes32(0)) revert ModelRegistryInvalidDigest();
        uint256 cidLength = bytes(input.cid).length;
        if (cidLength == 0 || cidLength > 128) revert ModelRegistryInvalidCid();
        if (input.claimedAccuracyBps > 10_000) revert ModelRegistryInvalidMetric(input.claimedAccuracyBps);
        if (input.claimedMacroF1Bps > 10_000) revert ModelRegistryInvalidMetric(input.claimedMacroF1Bps);
        _requireWhitelistedDatasets(input.trainingDatasets, input.evaluationDataset);

        Model storage model = _models[modelId];
        uint32 count = model.versionCount;
        if (input.parentVersion > count) revert ModelRegistryUnknownParent(modelId, input.parentVersion);
        if (count == 0) {
            _modelIds.push(modelId);
            emit ModelCreated(modelId);
        }
        version = count + 1;
        model.versionCount = version;

        // One struct assignment: each storage word is written once.
        _versions[modelId][version] = ModelVersion({
            manifestDigest: input.manifestDigest,
            evaluationDataset: input.evaluationDataset,
            status: VersionStatus.Candidate,
            parentVersion: input.parentVersion,
            claimedAccuracyBps: input.claimedAccuracyBps,
            claimedMacroF1Bps: input.claimedMacroF1Bps,
            submittedAt: uint40(block.timestamp),
            activatedAt: 0
        });
        emit ModelVersionSubmitted(modelId, version, msg.sender, input);
    }

    /**
     * @notice Makes a candidate the model's active version; the previously active one becomes Superseded.
     * Reverts while the model is paused. Only governance.
     * @param modelId The model.
     * @param version A version in status Candidate.
     */
    function activateVersion(bytes32 modelId, uint32 version) external onlyRole(DEFAULT_ADMIN_ROLE) {
        uint32 previous = _makeActive(modelId, version, VersionStatus.Candidate);
        emit ModelVersionActivated(modelId, version, previous);
    }

    /**
     * @notice Re-activates an earlier version that was active before (status Superseded).
     * Reverts while the model is paused. Only governance.
     * @param modelId The model.
     * @param version A version in status Superseded.
     */
    function rollbackTo(bytes32 modelId, uint32 version) external onlyRole(DEFAULT_ADMIN_ROLE) {
        uint32 previous = _makeActive(modelId, version, VersionStatus.Superseded);
        emit ModelRolledBack(modelId, version, previous);
    }

    /**
     * @notice Retires a version for good. Retiring the active version leaves the model with none serving.
     * Only governance.
     * @param modelId The model.
     * @param version A version in status Candidate, Active or Superseded.
     * @param reason Why, kept in the event.
     */
    function retireVersion(
        bytes32 modelId,
        uint32 version,
        string calldata reason
    ) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _end(modelId, version, VersionStatus.Retired, reason);
        emit ModelVersionRetired(modelId, version, reason);
    }

    /**
     * @notice Revokes a version (flawed, harmful, or built on bad data): it can never serve again. Revoking the active
     * version leaves the model with none serving. Only governance.
     * @param modelId The model.
     * @param version Any version not already revoked.
     * @param reason Why, kept in the event.
     */
    function revokeVersion(
        bytes32 modelId,
        uint32 version,
        string calldata reason
    ) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _end(modelId, version, VersionStatus.Revoked, reason);
        emit ModelVersionRevoked(modelId, version, reason);
    }

    /// @notice The dataset whitelist this registry checks.
    function datasetRegistry() external view returns (DatasetRegistry) {
        return _datasets;
    }

    /// @notice The kill switch this registry obeys.
    function killSwitch() external view returns (KillSwitch) {
        return _killSwitch;
    }

    /// @notice Every model id, in order of creation.
    function modelIds() external view returns (bytes32[] memory) {
        return _modelIds;
    }

    /// @notice A model's version count and active version (0 when none is active).
    function getModel(bytes32 modelId) external view returns (Model memory) {
        return _models[modelId];
    }

    /// @notice The stored record of a version (zeroed when it does not exist).
    function getVersion(bytes32 modelId, uint32 version) external view returns (ModelVersion memory) {
        return _versions[modelId][version];
    }

    /// @notice The active version of `modelId`, or 0.
    function activeVersion(bytes32 modelId) external view returns (uint32) {
        return _models[modelId].activeVersion;
    }

    /**
     * @notice Whether consumers may serve `modelId` now: it has an active version and is not paused.
     * @return serving True when the model may serve.
     * @return version The active version (0 when none).
     * @return manifestDigest The digest the served bytes must match.
     */
    function isServing(bytes32 modelId) external view returns (bool serving, uint32 version, bytes32 manifestDigest) {
        version = _models[modelId].activeVersion;
        if (version == 0) return (false, 0, bytes32(0));
        manifestDigest = _versions[modelId][version].manifestDigest;
        serving = !_killSwitch.isPaused(modelId);
    }

    function _requireWhitelistedDatasets(bytes32[] calldata training, bytes32 evaluation) private view {
        uint256 count = training.length;
        if (count == 0 || count > MAX_TRAINING_DATASETS) revert ModelRegistryInvalidTrainingDatasets(count);
        for (uint256 i = 0; i < count; ++i) {
            bytes32 id = training[i];
            if (id == evaluation) revert ModelRegistryEvaluationDatasetUsedForTraining(id);
            for (uint256 j = 0; j < i; ++j) {
                if (training[j] == id) revert ModelRegistryDuplicateDataset(id);
            }
            if (!_datasets.isApproved(id)) revert ModelRegistryDatasetNotWhitelisted(id);
        }
        if (!_datasets.isApproved(evaluation)) revert ModelRegistryDatasetNotWhitelisted(evaluation);
    }

    function _makeActive(bytes32 modelId, uint32 version, VersionStatus required) private returns (uint32 previous) {
        if (_killSwitch.isPaused(modelId)) revert ModelRegistryPaused(modelId);
        ModelVersion storage target = _existing(modelId, version);
        if (target.status != required) revert ModelRegistryInvalidStatus(modelId, version, target.status);

        Model storage model = _models[modelId];
        previous = model.activeVersion;
        if (previous != 0) _versions[modelId][previous].status = VersionStatus.Superseded;
        model.activeVersion = version;
        target.status = VersionStatus.Active;
        if (target.activatedAt == 0) target.activatedAt = uint40(block.timestamp);
    }

    /// @dev Moves a version to a final status: Retired from Candidate, Active or Superseded; Revoked from any other.
    function _end(bytes32 modelId, uint32 version, VersionStatus next, string calldata reason) private {
        if (bytes(reason).length == 0) revert ModelRegistryReasonRequired();
        ModelVersion storage target = _existing(modelId, version);
        VersionStatus status = target.status;
        // Revoked is final; Retired is final except that a retired version may still be revoked.
        if (status == VersionStatus.Revoked || (status == VersionStatus.Retired && next == VersionStatus.Retired)) {
            revert ModelRegistryInvalidStatus(modelId, version, status);
        }
        if (status == VersionStatus.Active) _models[modelId].activeVersion = 0;
        target.status = next;
    }

    function _existing(bytes32 modelId, uint32 version) private view returns (ModelVersion storage stored) {
        stored = _versions[modelId][version];
        if (stored.status == VersionStatus.None) revert ModelRegistryUnknownVersion(modelId, version);
    }
}
