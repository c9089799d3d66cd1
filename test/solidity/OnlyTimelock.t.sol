// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {Panic} from "@openzeppelin/contracts/utils/Panic.sol";
import {KillSwitch} from "../../contracts/safety/KillSwitch.sol";
import {ModelRegistry} from "../../contracts/registry/ModelRegistry.sol";
import {DaoFixture} from "./utils/DaoFixture.sol";

/**
 * @notice The registry, the whitelist, the guardian address and the treasury change only through the timelock (the
 * guardian's pause aside): every mutating function, called by an arbitrary account, reverts unless the caller is the
 * timelock. The setup puts each contract in a state where the call would succeed for the timelock, so the revert can
 * only come from the access check.
 */
contract OnlyTimelockTest is DaoFixture {
    bytes32 internal constant MODEL = "digits";
    bytes32 internal constant TRAIN = "mnist-train";
    bytes32 internal constant EVAL = "mnist-eval";
    bytes32 internal constant PAUSED_MODEL = "paused-model";
    uint256 internal constant TREASURY_ETH = 100 ether;

    uint256 internal grantId;

    function setUp() public {
        _deployDao();
        approveDatasetAsTimelock(TRAIN);
        approveDatasetAsTimelock(EVAL);
        // Two versions: 1 active, 2 a candidate; version 1 can later be rolled back to.
        vm.startPrank(maintainer);
        registry.submitModelVersion(versionInput(MODEL, 0, keccak256("v1"), TRAIN, EVAL));
        registry.submitModelVersion(versionInput(MODEL, 1, keccak256("v2"), TRAIN, EVAL));
        vm.stopPrank();
        vm.prank(address(timelock));
        registry.activateVersion(MODEL, 1);
        vm.prank(address(timelock));
        killSwitch.pauseModel(PAUSED_MODEL, "incident");

        vm.deal(address(treasury), TREASURY_ETH);
        vm.prank(address(timelock));
        grantId = treasury.createGrant(outsider, address(0), 10 ether, uint40(block.timestamp), 0, 100 days, "grant");
    }

    function _ownableRevert(address caller) internal {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, caller));
    }

    function _roleRevert(address caller, bytes32 role) internal {
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, caller, role));
    }

    // ----------------------------------------------------------------------------------------------------------------
    // DatasetRegistry (the whitelist)
    // ----------------------------------------------------------------------------------------------------------------

    function testFuzz_RevertIf_NonTimelockApprovesDataset(address caller, bytes32 datasetId) public {
        vm.assume(caller != address(timelock) && datasetId != bytes32(0));
        _ownableRevert(caller);
        vm.prank(caller);
        datasets.approveDataset(datasetInput(datasetId));
    }

    function testFuzz_RevertIf_NonTimelockRevokesDataset(address caller) public {
        vm.assume(caller != address(timelock));
        _ownableRevert(caller);
        vm.prank(caller);
        datasets.revokeDataset(TRAIN, "license problem");
    }

    function testFuzz_RevertIf_NonTimelockTransfersWhitelistOwnership(address caller, address newOwner) public {
        vm.assume(caller != address(timelock));
        _ownableRevert(caller);
        vm.prank(caller);
        datasets.transferOwnership(newOwner);
        _ownableRevert(caller);
        vm.prank(caller);
        datasets.renounceOwnership();
    }

    function test_TimelockApprovesAndRevokesDatasets() public {
        approveDatasetAsTimelock("new-set");
        assertTrue(datasets.isApproved("new-set"), "approved");
        vm.prank(address(timelock));
        datasets.revokeDataset("new-set", "contaminated");
        assertFalse(datasets.isApproved("new-set"), "revoked");
    }

    // ----------------------------------------------------------------------------------------------------------------
    // ModelRegistry
    // ----------------------------------------------------------------------------------------------------------------

    function testFuzz_RevertIf_NonTimelockActivatesVersion(address caller) public {
        vm.assume(caller != address(timelock));
        _roleRevert(caller, registry.DEFAULT_ADMIN_ROLE());
        vm.prank(caller);
        registry.activateVersion(MODEL, 2);
    }

    function testFuzz_RevertIf_NonTimelockRollsBack(address caller) public {
        vm.prank(address(timelock));
        registry.activateVersion(MODEL, 2);
        vm.assume(caller != address(timelock));
        _roleRevert(caller, registry.DEFAULT_ADMIN_ROLE());
        vm.prank(caller);
        registry.rollbackTo(MODEL, 1);
    }

    function testFuzz_RevertIf_NonTimelockRetiresOrRevokesVersion(address caller, uint32 version) public {
        vm.assume(caller != address(timelock));
        version = uint32(bound(version, 1, 2));
        _roleRevert(caller, registry.DEFAULT_ADMIN_ROLE());
        vm.prank(caller);
        registry.retireVersion(MODEL, version, "obsolete");
        _roleRevert(caller, registry.DEFAULT_ADMIN_ROLE());
        vm.prank(caller);
        registry.revokeVersion(MODEL, version, "poisoned");
    }

    function testFuzz_RevertIf_NonTimelockGrantsOrRevokesRoles(address caller, address account) public {
        vm.assume(caller != address(timelock));
        bytes32 maintainerRole = registry.MAINTAINER_ROLE();
        bytes32 adminRole = registry.DEFAULT_ADMIN_ROLE();
        _roleRevert(caller, adminRole);
        vm.prank(caller);
        registry.grantRole(maintainerRole, account);
        _roleRevert(caller, adminRole);
        vm.prank(caller);
        registry.grantRole(adminRole, account);
        _roleRevert(caller, adminRole);
        vm.prank(caller);
        registry.revokeRole(maintainerRole, maintainer);
    }

    function testFuzz_RevertIf_NonMaintainerSubmits(address caller) public {
        vm.assume(caller != maintainer);
        _roleRevert(caller, registry.MAINTAINER_ROLE());
        vm.prank(caller);
        registry.submitModelVersion(versionInput(MODEL, 2, keccak256("v3"), TRAIN, EVAL));
    }

    function test_TimelockChangesWhichVersionServes() public {
        vm.startPrank(address(timelock));
        registry.activateVersion(MODEL, 2);
        assertEq(registry.activeVersion(MODEL), 2, "activated");
        registry.rollbackTo(MODEL, 1);
        assertEq(registry.activeVersion(MODEL), 1, "rolled back");
        registry.retireVersion(MODEL, 1, "obsolete");
        assertEq(registry.activeVersion(MODEL), 0, "retired");
        registry.revokeVersion(MODEL, 2, "poisoned");
        registry.grantRole(registry.MAINTAINER_ROLE(), outsider);
        vm.stopPrank();
        assertTrue(registry.hasRole(registry.MAINTAINER_ROLE(), outsider), "maintainer granted");
    }

    // ----------------------------------------------------------------------------------------------------------------
    // KillSwitch (guardian address, unpausing)
    // ----------------------------------------------------------------------------------------------------------------

    function testFuzz_RevertIf_NonTimelockChangesGuardian(address caller, address newGuardian) public {
        vm.assume(caller != address(timelock));
        _ownableRevert(caller);
        vm.prank(caller);
        killSwitch.setGuardian(newGuardian);
    }

    function testFuzz_RevertIf_NonTimelockUnpauses(address caller) public {
        vm.prank(guardian);
        killSwitch.pause("incident");
        vm.assume(caller != address(timelock));
        _ownableRevert(caller);
        vm.prank(caller);
        killSwitch.unpause("fixed");
        _ownableRevert(caller);
        vm.prank(caller);
        killSwitch.unpauseModel(PAUSED_MODEL, "fixed");
    }

    function testFuzz_RevertIf_NonTimelockTransfersKillSwitchOwnership(address caller, address newOwner) public {
        vm.assume(caller != address(timelock));
        _ownableRevert(caller);
        vm.prank(caller);
        killSwitch.transferOwnership(newOwner);
        _ownableRevert(caller);
        vm.prank(caller);
        killSwitch.renounceOwnership();
    }

    function testFuzz_RevertIf_NeitherGuardianNorTimelockPauses(address caller, bytes32 modelId) public {
        vm.assume(caller != address(timelock) && caller != guardian);
        vm.expectRevert(abi.encodeWithSelector(KillSwitch.KillSwitchUnauthorized.selector, caller));
        vm.prank(caller);
        killSwitch.pause("incident");
        vm.expectRevert(abi.encodeWithSelector(KillSwitch.KillSwitchUnauthorized.selector, caller));
        vm.prank(caller);
        killSwitch.pauseModel(modelId, "incident");
    }

    function test_TimelockChangesGuardianAndUnpauses() public {
        vm.startPrank(address(timelock));
        killSwitch.setGuardian(outsider);
        killSwitch.pause("incident");
        killSwitch.unpause("fixed");
        killSwitch.unpauseModel(PAUSED_MODEL, "fixed");
        vm.stopPrank();
        assertEq(killSwitch.guardian(), outsider, "guardian");
        assertFalse(killSwitch.isPaused(PAUSED_MODEL), "unpaused");
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Treasury
    // ----------------------------------------------------------------------------------------------------------------

    function testFuzz_RevertIf_NonTimelockPaysOut(address caller, address to, uint256 amount) public {
        vm.assume(caller != address(timelock));
        _ownableRevert(caller);
        vm.prank(caller);
        treasury.payout(address(0), to, amount, "payout");
        _ownableRevert(caller);
        vm.prank(caller);
        treasury.payout(address(token), to, amount, "payout");
    }

    function testFuzz_RevertIf_NonTimelockCreatesGrant(
        address caller,
        address beneficiary,
        uint128 amount,
        uint40 start,
        uint32 cliff,
        uint32 duration
    ) public {
        vm.assume(caller != address(timelock));
        _ownableRevert(caller);
        vm.prank(caller);
        treasury.createGrant(beneficiary, address(0), amount, start, cliff, duration, "grant");
    }

    function testFuzz_RevertIf_NonTimelockCancelsGrant(address caller) public {
        vm.assume(caller != address(timelock));
        _ownableRevert(caller);
        vm.prank(caller);
        treasury.cancelGrant(grantId, "cancel");
    }

    function testFuzz_RevertIf_NonTimelockTransfersTreasuryOwnership(address caller, address newOwner) public {
        vm.assume(caller != address(timelock));
        _ownableRevert(caller);
        vm.prank(caller);
        treasury.transferOwnership(newOwner);
        _ownableRevert(caller);
        vm.prank(caller);
        treasury.renounceOwnership();
    }

    /// @notice `release` is open to anyone, but only ever pays the grant's beneficiary what has vested.
    function testFuzz_ReleaseByAnyonePaysOnlyTheBeneficiary(address caller, uint256 elapsed) public {
        vm.assume(caller != outsider && caller != address(treasury));
        elapsed = bound(elapsed, 1, 200 days);
        vm.warp(block.timestamp + elapsed);
        uint256 callerBefore = caller.balance;
        uint256 expected = treasury.releasable(grantId);
        vm.prank(caller);
        uint256 paid = treasury.release(grantId);
        assertEq(paid, expected, "paid what was releasable");
        assertEq(outsider.balance, paid, "beneficiary paid");
        assertEq(caller.balance, callerBefore, "caller not paid");
        assertEq(address(treasury).balance, TREASURY_ETH - paid, "treasury balance");
    }

    function test_TimelockPaysOutAndManagesGrants() public {
        vm.startPrank(address(timelock));
        treasury.payout(address(0), carol, 1 ether, "payout");
        treasury.cancelGrant(grantId, "cancel");
        vm.stopPrank();
        assertEq(carol.balance, 1 ether, "paid");
        assertTrue(treasury.getGrant(grantId).canceled, "canceled");
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Governor settings: onlyGovernance means "the timelock, executing a proposal of this Governor"
    // ----------------------------------------------------------------------------------------------------------------

    function testFuzz_RevertIf_NonTimelockChangesGovernorSettings(address caller, uint256 value) public {
        vm.assume(caller != address(timelock));
        bytes[] memory calls = _governorSettingCalls(value);
        for (uint256 i = 0; i < calls.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorOnlyExecutor.selector, caller));
            vm.prank(caller);
            (bool ok, ) = address(governor).call(calls[i]);
            ok; // the revert is checked by expectRevert
        }
    }

    /// @notice Even the timelock cannot change the Governor outside a proposal: the call must be one the Governor is
    /// executing (its governance-call queue is empty otherwise, and popping it panics).
    function test_RevertIf_TimelockChangesGovernorOutsideAProposal() public {
        bytes[] memory calls = _governorSettingCalls(1);
        for (uint256 i = 0; i < calls.length; ++i) {
            vm.expectRevert(abi.encodeWithSignature("Panic(uint256)", Panic.EMPTY_ARRAY_POP));
            vm.prank(address(timelock));
            (bool ok, ) = address(governor).call(calls[i]);
            ok;
        }
    }

    function _governorSettingCalls(uint256 value) internal view returns (bytes[] memory calls) {
        calls = new bytes[](8);
        calls[0] = abi.encodeCall(governor.setVotingDelay, (uint48(value)));
        calls[1] = abi.encodeCall(governor.setVotingPeriod, (uint32(value)));
        calls[2] = abi.encodeCall(governor.setProposalThreshold, (value));
        calls[3] = abi.encodeCall(governor.updateQuorumNumerator, (value));
        calls[4] = abi.encodeCall(governor.setLateQuorumVoteExtension, (uint48(value)));
        calls[5] = abi.encodeCall(governor.setProposalGuardian, (address(uint160(value))));
        calls[6] = abi.encodeCall(governor.updateTimelock, (TimelockController(payable(address(uint160(value))))));
        calls[7] = abi.encodeCall(governor.relay, (address(treasury), 0, ""));
    }

    // ----------------------------------------------------------------------------------------------------------------
    // The real path: a proposal executed by the timelock
    // ----------------------------------------------------------------------------------------------------------------

    function test_GovernanceChangesEverythingThroughTheTimelock() public {
        selfDelegateAll();
        executeThroughGovernance(
            address(datasets),
            abi.encodeCall(datasets.approveDataset, (datasetInput("gov-set"))),
            "approve gov-set"
        );
        executeThroughGovernance(address(registry), abi.encodeCall(registry.activateVersion, (MODEL, 2)), "v2");
        executeThroughGovernance(address(killSwitch), abi.encodeCall(killSwitch.setGuardian, (outsider)), "guardian");
        executeThroughGovernance(
            address(treasury),
            abi.encodeCall(treasury.payout, (address(0), carol, 1 ether, "payout")),
            "pay carol"
        );
        executeThroughGovernance(address(governor), abi.encodeCall(governor.setProposalGuardian, (outsider)), "pg");
        assertTrue(datasets.isApproved("gov-set"), "dataset approved");
        assertEq(registry.activeVersion(MODEL), 2, "version activated");
        assertEq(killSwitch.guardian(), outsider, "guardian changed");
        assertEq(carol.balance, 1 ether, "paid out");
        assertEq(governor.proposalGuardian(), outsider, "proposal guardian changed");
    }
}
