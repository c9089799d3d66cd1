// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Treasury} from "../../contracts/treasury/Treasury.sol";
import {DaoFixture} from "./utils/DaoFixture.sol";
import {MaliciousReceiver} from "./utils/MaliciousReceiver.sol";

/**
 * @notice Treasury: the vesting schedule's math, grants that never pay more than approved, reserved funds that no
 * payout can touch, and no reentrant double payment.
 */
contract TreasuryTest is DaoFixture {
    address internal constant ETH = address(0);
    uint256 internal constant TREASURY_ETH = 1_000_000 ether;

    address internal beneficiary;

    function setUp() public {
        _deployDao();
        vm.deal(address(treasury), TREASURY_ETH);
        beneficiary = makeAddr("beneficiary");
    }

    function _grant(
        address to,
        uint256 amount,
        uint256 start,
        uint256 cliff,
        uint256 duration
    ) internal returns (uint256 grantId) {
        vm.prank(address(timelock));
        grantId = treasury.createGrant(
            to,
            ETH,
            uint128(amount),
            uint40(start),
            uint32(cliff),
            uint32(duration),
            "grant"
        );
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Vesting math
    // ----------------------------------------------------------------------------------------------------------------

    /// @notice vestedAmount is 0 before the cliff, linear after it, the full amount from `start + duration` on,
    /// never more than the amount, and monotonic in time.
    function testFuzz_VestingScheduleIsMonotonicAndBounded(
        uint256 amount,
        uint40 start,
        uint32 cliff,
        uint32 duration,
        uint256 t1,
        uint256 t2
    ) public {
        amount = bound(amount, 1, TREASURY_ETH);
        duration = uint32(bound(duration, 1, type(uint32).max));
        cliff = uint32(bound(cliff, 0, duration));
        uint256 grantId = _grant(beneficiary, amount, start, cliff, duration);
        // Time points anywhere, with a bias to the schedule's span.
        t1 = t1 % 2 == 0 ? bound(t1, 0, uint256(start) + duration + 1) : t1;
        t2 = t2 % 2 == 0 ? bound(t2, 0, uint256(start) + duration + 1) : t2;
        if (t1 > t2) (t1, t2) = (t2, t1);

        uint256 v1 = treasury.vestedAmount(grantId, t1);
        uint256 v2 = treasury.vestedAmount(grantId, t2);
        assertLe(v1, v2, "monotonic in time");
        assertLe(v2, amount, "never more than the amount");
        _checkPoint(amount, start, cliff, duration, t1, v1);
        _checkPoint(amount, start, cliff, duration, t2, v2);
    }

    function _checkPoint(
        uint256 amount,
        uint256 start,
        uint256 cliff,
        uint256 duration,
        uint256 t,
        uint256 vested
    ) internal pure {
        if (t < start + cliff) assertEq(vested, 0, "nothing before the cliff");
        else if (t >= start + duration) assertEq(vested, amount, "everything after the duration");
        else assertEq(vested, (amount * (t - start)) / duration, "linear in between");
    }

    function testFuzz_RevertIf_ScheduleIsInvalid(uint32 cliff, uint32 duration) public {
        vm.assume(duration == 0 || cliff > duration);
        vm.expectRevert(abi.encodeWithSelector(Treasury.TreasuryInvalidSchedule.selector, cliff, duration));
        vm.prank(address(timelock));
        treasury.createGrant(beneficiary, ETH, 1 ether, uint40(block.timestamp), cliff, duration, "grant");
    }

    // ----------------------------------------------------------------------------------------------------------------
    // A grant never pays more than approved
    // ----------------------------------------------------------------------------------------------------------------

    /// @notice Releases at four fuzzed moments, by anyone: each pays what vested since the last one, the total never
    /// exceeds the grant, and once the schedule is over the beneficiary has exactly the grant.
    function testFuzz_GrantNeverPaysMoreThanApproved(
        uint256 amount,
        uint256 startOffset,
        uint32 cliff,
        uint32 duration,
        uint256[4] memory waits
    ) public {
        amount = bound(amount, 1, TREASURY_ETH);
        duration = uint32(bound(duration, 1, 10 * 365 days));
        cliff = uint32(bound(cliff, 0, duration));
        uint256 start = block.timestamp + bound(startOffset, 0, 365 days);
        uint256 grantId = _grant(beneficiary, amount, start, cliff, duration);
        assertEq(treasury.reserved(ETH), amount, "reserved");

        uint256 total;
        for (uint256 i = 0; i < waits.length; ++i) {
            vm.warp(block.timestamp + bound(waits[i], 0, uint256(duration) / 2 + 1 days));
            uint256 releasable = treasury.releasable(grantId);
            if (releasable == 0) {
                vm.expectRevert(abi.encodeWithSelector(Treasury.TreasuryNothingToRelease.selector, grantId));
                treasury.release(grantId);
            } else {
                total += treasury.release(grantId);
            }
            assertEq(total, treasury.vestedAmount(grantId, block.timestamp), "released = vested so far");
            assertLe(total, amount, "never more than the grant");
            assertEq(beneficiary.balance, total, "beneficiary balance");
            assertEq(treasury.reserved(ETH), amount - total, "reserve shrinks by what is paid");
        }

        vm.warp(start + duration);
        if (total < amount) total += treasury.release(grantId);
        assertEq(total, amount, "exactly the grant in the end");
        assertEq(beneficiary.balance, amount, "beneficiary got the grant");
        assertEq(treasury.reserved(ETH), 0, "nothing left reserved");
        assertEq(address(treasury).balance, TREASURY_ETH - amount, "treasury paid the grant only");
        vm.expectRevert(abi.encodeWithSelector(Treasury.TreasuryNothingToRelease.selector, grantId));
        treasury.release(grantId);
    }

    /// @notice Canceling returns exactly the unvested part; the beneficiary can still release what had vested, and
    /// never more.
    function testFuzz_CancelReturnsOnlyTheUnvestedPart(
        uint256 amount,
        uint32 cliff,
        uint32 duration,
        uint256 releaseAt,
        uint256 cancelAt
    ) public {
        amount = bound(amount, 1, TREASURY_ETH);
        duration = uint32(bound(duration, 1, 10 * 365 days));
        cliff = uint32(bound(cliff, 0, duration));
        uint256 start = block.timestamp;
        uint256 grantId = _grant(beneficiary, amount, start, cliff, duration);

        releaseAt = bound(releaseAt, start, start + uint256(duration) + 1);
        cancelAt = bound(cancelAt, releaseAt, start + uint256(duration) + 1);
        vm.warp(releaseAt);
        uint256 paid;
        if (treasury.releasable(grantId) > 0) paid = treasury.release(grantId);

        vm.warp(cancelAt);
        uint256 vested = treasury.vestedAmount(grantId, cancelAt);
        uint256 availableBefore = treasury.available(ETH);
        vm.prank(address(timelock));
        treasury.cancelGrant(grantId, "cancel");
        assertEq(treasury.available(ETH), availableBefore + (amount - vested), "unvested part returned");
        assertEq(treasury.reserved(ETH), vested - paid, "vested and unpaid stays reserved");

        vm.warp(block.timestamp + 3650 days);
        if (vested > paid) paid += treasury.release(grantId);
        assertEq(paid, vested, "beneficiary gets what had vested at cancel");
        assertEq(beneficiary.balance, vested, "and not a wei more");
        assertEq(treasury.reserved(ETH), 0, "nothing reserved");
        vm.expectRevert(abi.encodeWithSelector(Treasury.TreasuryGrantCanceled.selector, grantId));
        vm.prank(address(timelock));
        treasury.cancelGrant(grantId, "again");
    }

    /// @notice Reserved funds cannot be paid out or granted twice.
    function testFuzz_RevertIf_PayoutTouchesReservedFunds(uint256 granted, uint256 extra) public {
        granted = bound(granted, 1, TREASURY_ETH);
        _grant(beneficiary, granted, block.timestamp + 1 days, 0, 365 days);
        uint256 free = TREASURY_ETH - granted;
        extra = bound(extra, 1, granted);
        vm.expectRevert(
            abi.encodeWithSelector(Treasury.TreasuryInsufficientAvailable.selector, ETH, free, free + extra)
        );
        vm.prank(address(timelock));
        treasury.payout(ETH, carol, free + extra, "too much");
        vm.expectRevert(
            abi.encodeWithSelector(Treasury.TreasuryInsufficientAvailable.selector, ETH, free, free + extra)
        );
        vm.prank(address(timelock));
        treasury.createGrant(carol, ETH, uint128(free + extra), uint40(block.timestamp), 0, 1, "too much");
        if (free > 0) {
            vm.prank(address(timelock));
            treasury.payout(ETH, carol, free, "all that is free");
        }
        assertEq(address(treasury).balance, granted, "the grant stays funded");
    }

    // ----------------------------------------------------------------------------------------------------------------
    // No reentrant double payment
    // ----------------------------------------------------------------------------------------------------------------

    function _receiverGrant(
        MaliciousReceiver.Attack attack,
        bool bubble
    ) internal returns (MaliciousReceiver r, uint256 g) {
        r = new MaliciousReceiver(treasury);
        g = _grant(address(r), 100 ether, block.timestamp, 0, 100 days);
        r.configure(attack, bubble, g);
    }

    function test_RevertIf_BeneficiaryReentersRelease() public {
        (MaliciousReceiver receiver, uint256 grantId) = _receiverGrant(MaliciousReceiver.Attack.Release, true);
        vm.warp(block.timestamp + 50 days);
        vm.expectRevert(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
        treasury.release(grantId);
        assertEq(address(receiver).balance, 0, "nothing paid");
        assertEq(treasury.getGrant(grantId).released, 0, "nothing recorded as released");
    }

    /// @notice The beneficiary swallows the failed re-entry: the release goes through once, for the vested amount.
    function testFuzz_ReentrantReleasePaysOnce(uint256 elapsed) public {
        (MaliciousReceiver receiver, uint256 grantId) = _receiverGrant(MaliciousReceiver.Attack.Release, false);
        vm.warp(block.timestamp + bound(elapsed, 1, 200 days));
        uint256 vested = treasury.vestedAmount(grantId, block.timestamp);
        treasury.release(grantId);
        assertEq(receiver.reentryAttempts(), 1, "re-entry attempted");
        assertEq(receiver.reentrySuccesses(), 0, "re-entry failed");
        assertEq(
            bytes4(receiver.lastReentryError()),
            ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector,
            "stopped by the reentrancy guard"
        );
        assertEq(address(receiver).balance, vested, "paid the vested amount once");
        assertEq(treasury.getGrant(grantId).released, vested, "released = paid");
        assertEq(address(treasury).balance, TREASURY_ETH - vested, "treasury paid once");
    }

    /// @notice A payout recipient that is also a grant beneficiary cannot release its grant inside the payout.
    function test_RevertIf_PayoutRecipientReentersRelease() public {
        (MaliciousReceiver receiver, uint256 grantId) = _receiverGrant(MaliciousReceiver.Attack.Release, true);
        vm.warp(block.timestamp + 50 days);
        vm.expectRevert(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
        vm.prank(address(timelock));
        treasury.payout(ETH, address(receiver), 1 ether, "payout");
        assertEq(address(receiver).balance, 0, "nothing paid");
        assertEq(treasury.getGrant(grantId).released, 0, "grant untouched");
    }

    /// @notice Re-entering payout directly fails: the payee is not the timelock.
    function test_RevertIf_PayoutRecipientReentersPayout() public {
        MaliciousReceiver receiver = new MaliciousReceiver(treasury);
        receiver.configure(MaliciousReceiver.Attack.Payout, true, 0);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(receiver)));
        vm.prank(address(timelock));
        treasury.payout(ETH, address(receiver), 1 ether, "payout");
        assertEq(address(receiver).balance, 0, "nothing paid");
    }

    /// @notice Two governance-approved payouts are ready in the timelock, where execution is open. Paid by the first,
    /// the receiver runs the second from inside the first: the treasury's guard stops it, so the receiver is paid once
    /// per executed operation, never twice inside one. The second stays ready, to be run on its own.
    function testFuzz_RevertIf_ReentrantTimelockExecutionPaysTwice(uint256 amount, bool bubble) public {
        amount = bound(amount, 1, TREASURY_ETH / 2);
        MaliciousReceiver receiver = new MaliciousReceiver(treasury);
        bytes memory data = abi.encodeCall(treasury.payout, (ETH, address(receiver), amount, "approved"));
        vm.startPrank(address(governor));
        timelock.schedule(address(treasury), 0, data, bytes32(0), bytes32(uint256(1)), TIMELOCK_DELAY);
        timelock.schedule(address(treasury), 0, data, bytes32(0), bytes32(uint256(2)), TIMELOCK_DELAY);
        vm.stopPrank();
        vm.warp(block.timestamp + TIMELOCK_DELAY);
        receiver.configure(MaliciousReceiver.Attack.TimelockExecute, bubble, 0);
        receiver.configureTimelockOperation(timelock, address(treasury), data, bytes32(uint256(2)));

        if (bubble) vm.expectRevert(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
        timelock.execute(address(treasury), 0, data, bytes32(0), bytes32(uint256(1)));
        assertEq(address(receiver).balance, bubble ? 0 : amount, "at most one payment");
        assertEq(receiver.reentrySuccesses(), 0, "the re-entry never succeeds");

        bytes32 second = timelock.hashOperation(address(treasury), 0, data, bytes32(0), bytes32(uint256(2)));
        assertTrue(timelock.isOperationReady(second), "the second approved payout is still only ready");
        receiver.configure(MaliciousReceiver.Attack.None, false, 0);
        timelock.execute(address(treasury), 0, data, bytes32(0), bytes32(uint256(2)));
        assertEq(address(receiver).balance, bubble ? amount : 2 * amount, "each approved payout paid once");
    }
}
