// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {DaoFixture} from "./utils/DaoFixture.sol";

/**
 * @notice After deployment the timelock has no admin but itself, the Governor is its only proposer (and canceller),
 * execution is open to anyone, and every governed contract answers to the timelock alone.
 */
contract DeploymentTest is DaoFixture {
    function setUp() public {
        _deployDao();
    }

    function test_TimelockIsItsOwnAdmin() public view {
        assertTrue(timelock.hasRole(ADMIN_ROLE, address(timelock)), "timelock admin of itself");
        assertFalse(timelock.hasRole(ADMIN_ROLE, deployer), "deployer renounced admin");
        assertEq(timelock.getRoleAdmin(PROPOSER_ROLE), ADMIN_ROLE, "proposer role admin");
        assertEq(timelock.getRoleAdmin(EXECUTOR_ROLE), ADMIN_ROLE, "executor role admin");
        assertEq(timelock.getRoleAdmin(CANCELLER_ROLE), ADMIN_ROLE, "canceller role admin");
        assertEq(timelock.getMinDelay(), TIMELOCK_DELAY, "min delay");
    }

    function testFuzz_NoAccountButTheTimelockIsTimelockAdmin(address account) public view {
        assertEq(timelock.hasRole(ADMIN_ROLE, account), account == address(timelock), "timelock admin");
    }

    function testFuzz_GovernorIsTheOnlyProposerAndCanceller(address account) public view {
        assertEq(timelock.hasRole(PROPOSER_ROLE, account), account == address(governor), "proposer");
        assertEq(timelock.hasRole(CANCELLER_ROLE, account), account == address(governor), "canceller");
    }

    function testFuzz_ExecutionIsOpenToAnyone(address account) public view {
        assertTrue(timelock.hasRole(EXECUTOR_ROLE, address(0)), "executor role is open");
        // Open execution is the zero-address holder; no individual account holds the role.
        assertEq(timelock.hasRole(EXECUTOR_ROLE, account), account == address(0), "executor");
    }

    function testFuzz_AnyoneExecutesAReadyOperation(address executor, uint256 wait) public {
        wait = bound(wait, TIMELOCK_DELAY, 365 days);
        bytes memory data = abi.encodeCall(killSwitch.setGuardian, (outsider));
        vm.prank(address(governor));
        timelock.schedule(address(killSwitch), 0, data, bytes32(0), bytes32(0), TIMELOCK_DELAY);
        vm.warp(block.timestamp + wait);
        vm.prank(executor);
        timelock.execute(address(killSwitch), 0, data, bytes32(0), bytes32(0));
        assertEq(killSwitch.guardian(), outsider, "guardian changed by the executed operation");
    }

    function testFuzz_RevertIf_NonGovernorSchedules(address caller) public {
        vm.assume(caller != address(governor));
        bytes memory data = abi.encodeCall(killSwitch.setGuardian, (caller));
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, caller, PROPOSER_ROLE)
        );
        vm.prank(caller);
        timelock.schedule(address(killSwitch), 0, data, bytes32(0), bytes32(0), TIMELOCK_DELAY);
    }

    function testFuzz_RevertIf_NonGovernorCancels(address caller, bytes32 operationId) public {
        vm.assume(caller != address(governor));
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, caller, CANCELLER_ROLE)
        );
        vm.prank(caller);
        timelock.cancel(operationId);
    }

    function testFuzz_RevertIf_AnyoneButTheTimelockGrantsTimelockRoles(address caller, address account) public {
        vm.assume(caller != address(timelock));
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, caller, ADMIN_ROLE)
        );
        vm.prank(caller);
        timelock.grantRole(PROPOSER_ROLE, account);
    }

    function testFuzz_RevertIf_AnyoneButTheTimelockUpdatesDelay(address caller, uint256 newDelay) public {
        vm.assume(caller != address(timelock));
        vm.expectRevert(abi.encodeWithSelector(TimelockController.TimelockUnauthorizedCaller.selector, caller));
        vm.prank(caller);
        timelock.updateDelay(newDelay);
    }

    function test_GovernedContractsAnswerToTheTimelock() public view {
        assertEq(treasury.owner(), address(timelock), "treasury owner");
        assertEq(killSwitch.owner(), address(timelock), "kill switch owner");
        assertEq(datasets.owner(), address(timelock), "dataset registry owner");
        assertEq(killSwitch.guardian(), guardian, "kill switch guardian");
        assertEq(governor.proposalGuardian(), guardian, "proposal guardian");
        assertEq(address(governor.timelock()), address(timelock), "governor timelock");
        assertEq(address(governor.token()), address(token), "governor token");
        assertEq(address(registry.datasetRegistry()), address(datasets), "registry whitelist");
        assertEq(address(registry.killSwitch()), address(killSwitch), "registry kill switch");
    }

    function testFuzz_OnlyTheTimelockAdministersTheModelRegistry(address account) public view {
        bytes32 adminRole = registry.DEFAULT_ADMIN_ROLE();
        assertEq(registry.hasRole(adminRole, account), account == address(timelock), "registry admin");
        assertEq(registry.hasRole(registry.MAINTAINER_ROLE(), account), account == maintainer, "maintainer");
    }

    function test_SupplyIsDistributedAsConfigured() public view {
        assertEq(token.balanceOf(address(treasury)), TREASURY_TOKENS, "treasury tokens");
        assertEq(token.balanceOf(alice), ALICE_AMOUNT, "alice");
        assertEq(token.balanceOf(bob), BOB_AMOUNT, "bob");
        assertEq(token.balanceOf(carol), CAROL_AMOUNT, "carol");
        assertEq(token.balanceOf(dave), DAVE_AMOUNT, "dave");
        assertEq(
            token.totalSupply(),
            TREASURY_TOKENS + ALICE_AMOUNT + BOB_AMOUNT + CAROL_AMOUNT + DAVE_AMOUNT,
            "total supply"
        );
        assertEq(token.delegates(address(treasury)), address(0), "treasury tokens are undelegated");
        assertEq(token.balanceOf(deployer), 0, "deployer keeps nothing");
    }
}
