// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {DatasetRegistry} from "../../contracts/registry/DatasetRegistry.sol";
import {ModelRegistry} from "../../contracts/registry/ModelRegistry.sol";
import {DaoFixture} from "./utils/DaoFixture.sol";

/**
 * @notice A model version can only reference datasets whitelisted at submission time, and while a model (or
 * everything) is paused nothing activates.
 */
contract RegistryTest is DaoFixture {
    uint256 internal constant LISTED = 16;
    bytes32 internal constant MODEL = "digits";
    bytes32 internal constant EVAL = "mnist-eval";

    bytes32[LISTED] internal listed;

    function setUp() public {
        _deployDao();
        for (uint256 i = 0; i < LISTED; ++i) {
            listed[i] = bytes32(abi.encodePacked("train-", bytes1(uint8(65 + i))));
            approveDatasetAsTimelock(listed[i]);
        }
        approveDatasetAsTimelock(EVAL);
    }

    function _input(
        bytes32 modelId,
        bytes32[] memory training,
        bytes32 evaluation
    ) internal pure returns (ModelRegistry.ModelVersionInput memory input) {
        input = versionInput(modelId, 0, keccak256(abi.encode(modelId, training, evaluation)), bytes32(0), evaluation);
        input.trainingDatasets = training;
    }

    function _isListed(bytes32 datasetId) internal view returns (bool) {
        return datasets.isApproved(datasetId);
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Whitelisted datasets only
    // ----------------------------------------------------------------------------------------------------------------

    /// @notice Fuzzed training and evaluation ids, each either approved first or not: the submission succeeds exactly
    /// when both are whitelisted and distinct, and otherwise reverts naming the offending id.
    function testFuzz_SubmissionRequiresWhitelistedDatasets(
        bytes32 trainingId,
        bytes32 evaluationId,
        bool approveTraining,
        bool approveEvaluation
    ) public {
        if (approveTraining && trainingId != bytes32(0) && !_isListed(trainingId)) approveDatasetAsTimelock(trainingId);
        if (approveEvaluation && evaluationId != bytes32(0) && !_isListed(evaluationId)) {
            approveDatasetAsTimelock(evaluationId);
        }
        bytes32[] memory training = new bytes32[](1);
        training[0] = trainingId;
        ModelRegistry.ModelVersionInput memory input = _input(MODEL, training, evaluationId);

        bool accepted = false;
        if (trainingId == evaluationId) {
            vm.expectRevert(
                abi.encodeWithSelector(ModelRegistry.ModelRegistryEvaluationDatasetUsedForTraining.selector, trainingId)
            );
        } else if (!_isListed(trainingId)) {
            vm.expectRevert(
                abi.encodeWithSelector(ModelRegistry.ModelRegistryDatasetNotWhitelisted.selector, trainingId)
            );
        } else if (!_isListed(evaluationId)) {
            vm.expectRevert(
                abi.encodeWithSelector(ModelRegistry.ModelRegistryDatasetNotWhitelisted.selector, evaluationId)
            );
        } else {
            accepted = true;
        }
        vm.prank(maintainer);
        uint32 version = registry.submitModelVersion(input);
        uint32 count = registry.getModel(MODEL).versionCount;
        if (accepted) {
            assertEq(count, 1, "accepted");
            assertEq(registry.getVersion(MODEL, version).evaluationDataset, evaluationId, "evaluation set stored");
        } else {
            assertEq(count, 0, "rejected");
        }
    }

    /// @notice Up to 16 training datasets, all whitelisted but one fuzzed, unlisted id at a fuzzed position.
    function testFuzz_RevertIf_AnyTrainingDatasetIsNotWhitelisted(
        uint256 count,
        uint256 badIndex,
        bytes32 badId
    ) public {
        vm.assume(!_isListed(badId) && badId != EVAL);
        count = bound(count, 1, LISTED);
        badIndex = bound(badIndex, 0, count - 1);
        bytes32[] memory training = new bytes32[](count);
        for (uint256 i = 0; i < count; ++i) training[i] = i == badIndex ? badId : listed[i];
        vm.expectRevert(abi.encodeWithSelector(ModelRegistry.ModelRegistryDatasetNotWhitelisted.selector, badId));
        vm.prank(maintainer);
        registry.submitModelVersion(_input(MODEL, training, EVAL));
    }

    function testFuzz_RevertIf_TrainingDatasetCountIsOutOfRange(uint256 count) public {
        count = count % 2 == 0 ? 0 : bound(count, LISTED + 1, 64);
        bytes32[] memory training = new bytes32[](count);
        for (uint256 i = 0; i < count; ++i) training[i] = listed[i % LISTED];
        vm.expectRevert(abi.encodeWithSelector(ModelRegistry.ModelRegistryInvalidTrainingDatasets.selector, count));
        vm.prank(maintainer);
        registry.submitModelVersion(_input(MODEL, training, EVAL));
    }

    /// @notice A dataset revoked after a version was submitted leaves that version intact but blocks new ones; a
    /// revoked id can never be approved again.
    function testFuzz_RevertIf_DatasetIsRevokedBeforeSubmission(uint256 which, bool revokeEvaluation) public {
        bytes32[] memory training = new bytes32[](1);
        training[0] = listed[which % LISTED];
        vm.prank(maintainer);
        uint32 first = registry.submitModelVersion(_input(MODEL, training, EVAL));

        bytes32 revoked = revokeEvaluation ? EVAL : training[0];
        vm.prank(address(timelock));
        datasets.revokeDataset(revoked, "license problem");

        vm.expectRevert(abi.encodeWithSelector(ModelRegistry.ModelRegistryDatasetNotWhitelisted.selector, revoked));
        vm.prank(maintainer);
        registry.submitModelVersion(_input(MODEL, training, EVAL));

        assertTrue(
            registry.getVersion(MODEL, first).status == ModelRegistry.VersionStatus.Candidate,
            "existing version kept"
        );
        vm.expectRevert(abi.encodeWithSelector(DatasetRegistry.DatasetRegistryAlreadyExists.selector, revoked));
        vm.prank(address(timelock));
        datasets.approveDataset(datasetInput(revoked));
    }

    // ----------------------------------------------------------------------------------------------------------------
    // While paused, nothing activates
    // ----------------------------------------------------------------------------------------------------------------

    /// @notice A fuzzed model with a candidate and a superseded version; paused (globally or on its own, by the
    /// guardian or governance), neither activation nor rollback goes through, and nothing serves. Once governance
    /// unpauses, activation works again.
    function testFuzz_NothingActivatesWhilePaused(bytes32 modelId, bool global, bool byGuardian) public {
        vm.assume(modelId != bytes32(0));
        bytes32[] memory training = new bytes32[](1);
        training[0] = listed[0];
        vm.startPrank(maintainer);
        registry.submitModelVersion(_input(modelId, training, EVAL));
        registry.submitModelVersion(_input(modelId, training, EVAL));
        registry.submitModelVersion(_input(modelId, training, EVAL));
        vm.stopPrank();
        vm.startPrank(address(timelock));
        registry.activateVersion(modelId, 1);
        registry.activateVersion(modelId, 2); // 1 Superseded, 2 Active, 3 Candidate
        vm.stopPrank();

        vm.prank(byGuardian ? guardian : address(timelock));
        if (global) killSwitch.pause("incident");
        else killSwitch.pauseModel(modelId, "incident");

        vm.expectRevert(abi.encodeWithSelector(ModelRegistry.ModelRegistryPaused.selector, modelId));
        vm.prank(address(timelock));
        registry.activateVersion(modelId, 3);
        vm.expectRevert(abi.encodeWithSelector(ModelRegistry.ModelRegistryPaused.selector, modelId));
        vm.prank(address(timelock));
        registry.rollbackTo(modelId, 1);
        assertEq(registry.activeVersion(modelId), 2, "active version unchanged");
        (bool serving, , ) = registry.isServing(modelId);
        assertFalse(serving, "a paused model does not serve");

        vm.prank(address(timelock));
        if (global) killSwitch.unpause("fixed");
        else killSwitch.unpauseModel(modelId, "fixed");
        vm.prank(address(timelock));
        registry.activateVersion(modelId, 3);
        (serving, , ) = registry.isServing(modelId);
        assertTrue(serving, "serves again once unpaused");
    }

    /// @notice Pausing one model does not block another.
    function testFuzz_PausingOneModelLeavesOthersAlone(bytes32 paused, bytes32 other) public {
        vm.assume(paused != other && paused != bytes32(0) && other != bytes32(0));
        bytes32[] memory training = new bytes32[](1);
        training[0] = listed[0];
        vm.prank(maintainer);
        registry.submitModelVersion(_input(other, training, EVAL));
        vm.prank(guardian);
        killSwitch.pauseModel(paused, "incident");
        vm.prank(address(timelock));
        registry.activateVersion(other, 1);
        assertEq(registry.activeVersion(other), 1, "other model activated");
    }
}
