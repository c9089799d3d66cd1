// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/**
 * @title DatasetRegistry
 * @notice The dataset whitelist: only datasets approved here by governance may be named by a model version.
 * @dev Owned by the timelock. Storage keeps what contracts and the dApp must check (the manifest digest every byte is
 * verified against, and the status); the provenance (IPFS CID, license, source, creator, card digest) lives in the
 * {DatasetApproved} event, from which an indexer rebuilds the whitelist. Dataset ids are short ASCII names
 * (`mnist-train`) right-padded with zeros to 32 bytes, so a proposal's calldata reads as words without a lookup.
 */
contract DatasetRegistry is Ownable {
    /// @notice Lifecycle of a dataset id. `Revoked` is final: a revoked id can never be approved again.
    enum DatasetStatus {
        Unknown,
        Approved,
        Revoked
    }

    /// @notice What governance approves: the content address and provenance of a dataset directory.
    struct DatasetInput {
        bytes32 id;
        string cid;
        bytes32 manifestDigest;
        bytes32 cardDigest;
        string license;
        string source;
        string creator;
    }

    struct Dataset {
        bytes32 manifestDigest;
        DatasetStatus status;
        uint40 approvedAt;
        uint40 revokedAt;
    }

    mapping(bytes32 id => Dataset) private _datasets;
    uint256 private _approvedCount;

    /// @notice Emitted when governance approves a dataset; carries its full provenance.
    event DatasetApproved(bytes32 indexed id, bytes32 indexed manifestDigest, DatasetInput dataset);

    /// @notice Emitted when governance revokes a dataset, with the reason.
    event DatasetRevoked(bytes32 indexed id, string reason);

    /// @notice The id is zero.
    error DatasetRegistryInvalidId();
    /// @notice The manifest digest is zero.
    error DatasetRegistryInvalidDigest(bytes32 id);
    /// @notice The CID is empty or longer than 128 bytes.
    error DatasetRegistryInvalidCid(bytes32 id);
    /// @notice A license, source or creator is required.
    error DatasetRegistryMissingProvenance(bytes32 id);
    /// @notice The id was approved or revoked before; ids are never reused.
    error DatasetRegistryAlreadyExists(bytes32 id);
    /// @notice The dataset is not currently approved.
    error DatasetRegistryNotApproved(bytes32 id);
    /// @notice A reason is required.
    error DatasetRegistryReasonRequired();

    /// @param governance The timelock, the only address that approves or revokes datasets.
    constructor(address governance) Ownable(governance) {}

    /**
     * @notice Approves a dataset for use by model versions. Only governance (the timelock).
     * @param dataset Id, content address (CID and manifest digest), card digest and provenance of the dataset.
     */
    function approveDataset(DatasetInput calldata dataset) external onlyOwner {
        bytes32 id = dataset.id;
        if (id == bytes32(0)) revert DatasetRegistryInvalidId();
        if (dataset.manifestDigest == bytes32(0)) revert DatasetRegistryInvalidDigest(id);
        uint256 cidLength = bytes(dataset.cid).length;
        if (cidLength == 0 || cidLength > 128) revert DatasetRegistryInvalidCid(id);
        if (
            bytes(dataset.license).length == 0 ||
            bytes(dataset.source).length == 0 ||
            bytes(dataset.creator).length == 0
        ) {
            revert DatasetRegistryMissingProvenance(id);
        }
        Dataset storage stored = _datasets[id];
        if (stored.status != DatasetStatus.Unknown) revert DatasetRegistryAlreadyExists(id);

        stored.manifestDigest = dataset.manifestDigest;
        stored.status = DatasetStatus.Approved;
        stored.approvedAt = uint40(block.timestamp);
        ++_approvedCount;
        emit DatasetApproved(id, dataset.manifestDigest, dataset);
    }

    /**
     * @notice Revokes an approved dataset. Versions already submitted keep their record; new ones may not name it.
     * Only governance (the timelock).
     * @param id The dataset id.
     * @param reason Why it is revoked (license problem, contamination, ...), kept in the event.
     */
    function revokeDataset(bytes32 id, string calldata reason) external onlyOwner {
        if (bytes(reason).length == 0) revert DatasetRegistryReasonRequired();
        Dataset storage stored = _datasets[id];
        if (stored.status != DatasetStatus.Approved) revert DatasetRegistryNotApproved(id);
        stored.status = DatasetStatus.Revoked;
        stored.revokedAt = uint40(block.timestamp);
        --_approvedCount;
        emit DatasetRevoked(id, reason);
    }

    /// @notice Whether `id` is on the whitelist now.
    function isApproved(bytes32 id) external view returns (bool) {
        return _datasets[id].status == DatasetStatus.Approved;
    }

    /// @notice The stored record of a dataset (zeroed for an unknown id).
    function getDataset(bytes32 id) external view returns (Dataset memory) {
        return _datasets[id];
    }

    /// @notice How many datasets are approved now.
    function approvedCount() external view returns (uint256) {
        return _approvedCount;
    }
}
