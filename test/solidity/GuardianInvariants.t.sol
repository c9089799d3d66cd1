// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {ModelRegistry} from "../../contracts/registry/ModelRegistry.sol";
import {DaoFixture} from "./utils/DaoFixture.sol";
import {StdInvariantLite} from "./utils/Test.sol";
import {GuardianHandler} from "./handlers/GuardianHandler.sol";

/**
 * @notice The guardian can only pause (and cancel proposals, as the Governor's proposal guardian): under any sequence
 * of calls to any function of any DAO contract, it never unpauses, registers or activates a version, approves a
 * dataset, moves treasury funds or gains a role.
 * @dev The setup gives every forbidden action something to act on: a paused model to unpause, candidates to
 * activate, a superseded version to roll back to, unapproved datasets, a funded treasury with an unvested grant, and a
 * live proposal paying the guardian.
 */
contract GuardianInvariantsTest is DaoFixture, StdInvariantLite {
    bytes32 internal constant MODEL = "digits";
    bytes32 internal constant OTHER = "letters";
    bytes32 internal constant PAUSED_MODEL = "paused-model";
    bytes32 internal constant UNKNOWN_MODEL = "unknown-model";
    bytes32 internal constant TRAIN = "mnist-train";
    bytes32 internal constant EVAL = "mnist-eval";
    bytes32 internal constant NEW_SET = "new-set";
    bytes32 internal constant REVOKED_SET = "revoked-set";
    uint256 internal constant TREASURY_ETH = 100 ether;

    GuardianHandler internal handler;
    bytes32[] internal modelIds;
    mapping(bytes32 modelId => ModelRegistry.Model) internal modelAtSetup;
    mapping(bytes32 modelId => mapping(uint32 version => ModelRegistry.ModelVersion)) internal versionAtSetup;
    uint40 internal pausedModelAt;
    uint256 internal tokenReservedAtSetup;
    uint256 internal ethReservedAtSetup;

    function setUp() public {
        _deployDao();
        selfDelegateAll();

        approveDatasetAsTimelock(TRAIN);
        approveDatasetAsTimelock(EVAL);
        approveDatasetAsTimelock(REVOKED_SET);
        vm.prank(address(timelock));
        datasets.revokeDataset(REVOKED_SET, "contaminated");

        vm.startPrank(maintainer);
        registry.submitModelVersion(versionInput(MODEL, 0, keccak256("digits v1"), TRAIN, EVAL));
        registry.submitModelVersion(versionInput(MODEL, 1, keccak256("digits v2"), TRAIN, EVAL));
        registry.submitModelVersion(versionInput(MODEL, 2, keccak256("digits v3"), TRAIN, EVAL));
        registry.submitModelVersion(versionInput(OTHER, 0, keccak256("letters v1"), TRAIN, EVAL));
        registry.submitModelVersion(versionInput(PAUSED_MODEL, 0, keccak256("paused v1"), TRAIN, EVAL));
        vm.stopPrank();
        vm.startPrank(address(timelock));
        registry.activateVersion(MODEL, 1);
        registry.activateVersion(MODEL, 2); // v1 Superseded, v2 Active, v3 Candidate
        killSwitch.pauseModel(PAUSED_MODEL, "incident");
        vm.stopPrank();
        pausedModelAt = killSwitch.modelPausedAt(PAUSED_MODEL);

        vm.deal(address(treasury), TREASURY_ETH);
        vm.startPrank(address(timelock));
        treasury.createGrant(carol, address(0), 10 ether, uint40(block.timestamp + 3650 days), 0, 100 days, "eth");
        treasury.createGrant(carol, address(token), 1_000 ether, uint40(block.timestamp + 3650 days), 0, 1, "tok");
        vm.stopPrank();
        ethReservedAtSetup = treasury.reserved(address(0));
        tokenReservedAtSetup = treasury.reserved(address(token));

        modelIds = [MODEL, OTHER, PAUSED_MODEL, UNKNOWN_MODEL];
        for (uint256 i = 0; i < modelIds.length; ++i) {
            ModelRegistry.Model memory model = registry.getModel(modelIds[i]);
            modelAtSetup[modelIds[i]] = model;
            for (uint32 v = 1; v <= model.versionCount; ++v) {
                versionAtSetup[modelIds[i]][v] = registry.getVersion(modelIds[i], v);
            }
        }

        bytes32[] memory datasetPool = new bytes32[](5);
        datasetPool[0] = TRAIN;
        datasetPool[1] = EVAL;
        datasetPool[2] = NEW_SET;
        datasetPool[3] = REVOKED_SET;
        datasetPool[4] = bytes32(0);
        address[] memory accounts = new address[](5);
        accounts[0] = guardian;
        accounts[1] = outsider;
        accounts[2] = alice;
        accounts[3] = address(governor);
        accounts[4] = address(0);
        handler = new GuardianHandler(
            GuardianHandler.Dao(timelock, treasury, token, governor, killSwitch, datasets, registry),
            guardian,
            modelIds,
            datasetPool,
            accounts
        );

        // A live proposal that would pay the guardian: only governance could pass it; the guardian may cancel it.
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = singleCall(
            address(treasury),
            abi.encodeCall(treasury.payout, (address(0), guardian, 50 ether, "for the guardian"))
        );
        vm.prank(alice);
        governor.propose(targets, values, calldatas, "pay the guardian");
        handler.setProposal(targets, values, calldatas, keccak256("pay the guardian"));

        targetContract(address(handler));
    }

    /// @notice The handler's allowed actions do succeed (so the invariants are not vacuous), its forbidden ones do not.
    function test_HandlerGuardianPausesAndCancelsButNothingElse() public {
        handler.pause(1);
        handler.pauseModel(0, 1);
        assertTrue(handler.guardianPausedAll() && handler.guardianPausedModel(MODEL), "guardian paused");
        handler.cancelProposal();
        uint256 proposalId = governor.getProposalId(
            _single(address(treasury)),
            new uint256[](1),
            _singleData(abi.encodeCall(treasury.payout, (address(0), guardian, 50 ether, "for the guardian"))),
            keccak256("pay the guardian")
        );
        assertTrue(governor.state(proposalId) == IGovernor.ProposalState.Canceled, "guardian canceled");
        handler.unpause(1);
        handler.unpauseModel(2, 1);
        handler.activateVersion(0, 3);
        handler.payout(true, 0, 1 ether);
        handler.approveDataset(2, keccak256("x"));
        assertEq(handler.forbiddenSuccesses(), 0, "forbidden calls reverted");
        invariant_GuardianNeverUnpauses();
        invariant_NoVersionActivatedOrChanged();
        invariant_TreasuryBalancesNeverChange();
        invariant_NoDatasetApproved();
        invariant_GuardianGainsNoPower();
    }

    function invariant_NoForbiddenCallEverSucceeds() public view {
        assertEq(handler.forbiddenSuccesses(), 0, handler.lastForbiddenSuccess());
    }

    function invariant_GuardianNeverUnpauses() public view {
        assertTrue(killSwitch.isPaused(PAUSED_MODEL), "governance's pause still holds");
        assertEq(killSwitch.modelPausedAt(PAUSED_MODEL), pausedModelAt, "pause time unchanged");
        (bool paused, ) = killSwitch.globalPause();
        if (handler.guardianPausedAll()) assertTrue(paused, "global pause held");
        for (uint256 i = 0; i < modelIds.length; ++i) {
            if (handler.guardianPausedModel(modelIds[i])) {
                assertTrue(killSwitch.modelPausedAt(modelIds[i]) != 0, "model pause held");
            }
        }
    }

    function invariant_NoVersionActivatedOrChanged() public view {
        for (uint256 i = 0; i < modelIds.length; ++i) {
            bytes32 modelId = modelIds[i];
            ModelRegistry.Model memory model = registry.getModel(modelId);
            ModelRegistry.Model memory before = modelAtSetup[modelId];
            assertEq(model.versionCount, before.versionCount, "nothing registered");
            assertEq(model.activeVersion, before.activeVersion, "nothing activated");
            for (uint32 v = 1; v <= model.versionCount; ++v) {
                ModelRegistry.ModelVersion memory version = registry.getVersion(modelId, v);
                assertTrue(version.status == versionAtSetup[modelId][v].status, "status unchanged");
                assertEq(version.activatedAt, versionAtSetup[modelId][v].activatedAt, "activatedAt unchanged");
            }
        }
    }

    function invariant_TreasuryBalancesNeverChange() public view {
        assertEq(address(treasury).balance, TREASURY_ETH, "treasury ETH");
        assertEq(token.balanceOf(address(treasury)), TREASURY_TOKENS, "treasury tokens");
        assertEq(treasury.reserved(address(0)), ethReservedAtSetup, "ETH reserved");
        assertEq(treasury.reserved(address(token)), tokenReservedAtSetup, "tokens reserved");
        assertEq(treasury.grantCount(), 2, "no new grant");
        assertFalse(treasury.getGrant(0).canceled || treasury.getGrant(1).canceled, "no grant canceled");
        assertEq(guardian.balance, 0, "guardian ETH");
        assertEq(token.balanceOf(guardian), 0, "guardian tokens");
    }

    function invariant_NoDatasetApproved() public view {
        assertEq(datasets.approvedCount(), 2, "approved count");
        assertTrue(datasets.isApproved(TRAIN) && datasets.isApproved(EVAL), "whitelist kept");
        assertFalse(datasets.isApproved(NEW_SET), "new set not approved");
        assertFalse(datasets.isApproved(REVOKED_SET), "revoked set stays revoked");
    }

    function invariant_GuardianGainsNoPower() public view {
        assertEq(killSwitch.guardian(), guardian, "guardian");
        assertEq(governor.proposalGuardian(), guardian, "proposal guardian");
        assertEq(killSwitch.owner(), address(timelock), "kill switch owner");
        assertEq(datasets.owner(), address(timelock), "whitelist owner");
        assertEq(treasury.owner(), address(timelock), "treasury owner");
        assertEq(address(governor.timelock()), address(timelock), "governor timelock");
        assertEq(timelock.getMinDelay(), TIMELOCK_DELAY, "timelock delay");
        assertTrue(timelock.hasRole(PROPOSER_ROLE, address(governor)), "governor still proposes");
        assertTrue(timelock.hasRole(ADMIN_ROLE, address(timelock)), "timelock still its admin");
        assertTrue(registry.hasRole(registry.DEFAULT_ADMIN_ROLE(), address(timelock)), "registry admin");
        assertTrue(registry.hasRole(registry.MAINTAINER_ROLE(), maintainer), "maintainer kept");
        bytes32[5] memory timelockRoles = [ADMIN_ROLE, PROPOSER_ROLE, EXECUTOR_ROLE, CANCELLER_ROLE, bytes32(0)];
        for (uint256 i = 0; i < timelockRoles.length; ++i) {
            assertFalse(timelock.hasRole(timelockRoles[i], guardian), "guardian holds no timelock role");
        }
        assertFalse(registry.hasRole(registry.DEFAULT_ADMIN_ROLE(), guardian), "guardian not registry admin");
        assertFalse(registry.hasRole(registry.MAINTAINER_ROLE(), guardian), "guardian not maintainer");
        assertEq(governor.votingDelay(), VOTING_DELAY, "voting delay");
        assertEq(governor.votingPeriod(), VOTING_PERIOD, "voting period");
        assertEq(governor.proposalThreshold(), PROPOSAL_THRESHOLD, "threshold");
        assertEq(governor.quorumNumerator(), QUORUM_PERCENT, "quorum");
        assertEq(governor.lateQuorumVoteExtension(), VOTE_EXTENSION, "vote extension");
    }

    /// @notice The guardian's proposal never gets queued or executed (it can only be canceled, or fail).
    function invariant_GuardianCannotPassAProposal() public view {
        uint256 proposalId = governor.getProposalId(
            _single(address(treasury)),
            new uint256[](1),
            _singleData(abi.encodeCall(treasury.payout, (address(0), guardian, 50 ether, "for the guardian"))),
            keccak256("pay the guardian")
        );
        IGovernor.ProposalState s = governor.state(proposalId);
        assertTrue(
            s != IGovernor.ProposalState.Queued &&
                s != IGovernor.ProposalState.Executed &&
                s != IGovernor.ProposalState.Succeeded,
            "guardian's proposal never passes"
        );
        (uint256 against, uint256 forVotes, uint256 abstain) = governor.proposalVotes(proposalId);
        assertEq(against + forVotes + abstain, 0, "the guardian's votes weigh nothing");
    }

    function _single(address target) internal pure returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = target;
    }

    function _singleData(bytes memory data) internal pure returns (bytes[] memory calldatas) {
        calldatas = new bytes[](1);
        calldatas[0] = data;
    }
}
