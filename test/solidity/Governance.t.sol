// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {DaoFixture} from "./utils/DaoFixture.sol";

/**
 * @notice Voting and execution rules of the Governor + timelock:
 * - votes count the snapshot at the proposal's start: tokens acquired or delegated later (a flash loan) weigh nothing;
 * - nobody votes twice, and a ballot signature cannot be replayed;
 * - nothing executes before the vote ends and the timelock delay has passed;
 * - Executed and Canceled are final and exclusive.
 */
contract GovernanceTest is DaoFixture {
    uint256 internal constant SECP256K1_N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;
    bytes32 internal constant EIP712_DOMAIN_TYPEHASH = keccak256(
        "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
    );

    uint256 internal constant PAYOUT = 1 ether;

    address internal borrower;

    function setUp() public {
        _deployDao();
        selfDelegateAll();
        vm.deal(address(treasury), 10 ether);
        borrower = makeAddr("borrower");
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Helpers
    // ----------------------------------------------------------------------------------------------------------------

    function _payoutProposal(
        string memory description
    ) internal view returns (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) {
        return singleCall(address(treasury), abi.encodeCall(treasury.payout, (address(0), carol, PAYOUT, description)));
    }

    function _propose(string memory description) internal returns (uint256) {
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _payoutProposal(description);
        vm.prank(alice);
        return governor.propose(targets, values, calldatas, description);
    }

    function _queue(string memory description) internal {
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _payoutProposal(description);
        governor.queue(targets, values, calldatas, keccak256(bytes(description)));
    }

    function _execute(string memory description) internal {
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _payoutProposal(description);
        governor.execute(targets, values, calldatas, keccak256(bytes(description)));
    }

    function _cancel(address caller, string memory description) internal {
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _payoutProposal(description);
        vm.prank(caller);
        governor.cancel(targets, values, calldatas, keccak256(bytes(description)));
    }

    /// @dev The id under which GovernorTimelockControl schedules a proposal in the timelock.
    function _timelockId(string memory description) internal view returns (bytes32) {
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _payoutProposal(description);
        bytes32 salt = bytes20(address(governor)) ^ keccak256(bytes(description));
        return timelock.hashOperationBatch(targets, values, calldatas, bytes32(0), salt);
    }

    function _executeOnTimelock(string memory description) internal {
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _payoutProposal(description);
        bytes32 salt = bytes20(address(governor)) ^ keccak256(bytes(description));
        timelock.executeBatch(targets, values, calldatas, bytes32(0), salt);
    }

    function _stateRevert(uint256 proposalId, IGovernor.ProposalState current, bytes32 expected) internal {
        vm.expectRevert(
            abi.encodeWithSelector(IGovernor.GovernorUnexpectedProposalState.selector, proposalId, current, expected)
        );
    }

    function _bit(IGovernor.ProposalState s) internal pure returns (bytes32) {
        return bytes32(1 << uint8(s));
    }

    /// @dev The Governor's EIP-712 Ballot digest, computed independently from its ERC-5267 domain.
    function _ballotDigest(
        uint256 proposalId,
        uint8 support,
        address voter,
        uint256 nonce
    ) internal view returns (bytes32) {
        (, string memory name, string memory version, uint256 chainId, address verifyingContract, , ) = governor
            .eip712Domain();
        assertEq(keccak256(bytes(name)), keccak256("ModelDAO Governor"), "domain name");
        bytes32 domainSeparator = keccak256(
            abi.encode(
                EIP712_DOMAIN_TYPEHASH,
                keccak256(bytes(name)),
                keccak256(bytes(version)),
                chainId,
                verifyingContract
            )
        );
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256("Ballot(uint256 proposalId,uint8 support,address voter,uint256 nonce)"),
                proposalId,
                support,
                voter,
                nonce
            )
        );
        return keccak256(abi.encodePacked("\x19\x01", domainSeparator, structHash));
    }

    function _sign(uint256 key, bytes32 digest) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        return abi.encodePacked(r, s, v);
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Snapshot: only votes held (and delegated) at the proposal's start count
    // ----------------------------------------------------------------------------------------------------------------

    /// @notice Bob lends `amount` to a borrower, who delegates to itself, at a fuzzed time during the proposal. The
    /// borrowed tokens weigh only if the loan happened at or before the snapshot; the lender keeps its snapshot weight.
    function testFuzz_VotesCountTheSnapshotNotLaterTransfers(uint256 amount, uint256 lendAt, uint8 support) public {
        support = uint8(bound(support, 0, 2));
        uint256 proposalId = _propose("pay carol");
        uint256 snapshot = governor.proposalSnapshot(proposalId);
        amount = bound(amount, 1, BOB_AMOUNT);
        lendAt = bound(lendAt, block.timestamp, governor.proposalDeadline(proposalId));

        vm.warp(lendAt);
        vm.prank(bob);
        token.transfer(borrower, amount);
        vm.prank(borrower);
        token.delegate(borrower);
        if (block.timestamp <= snapshot) vm.warp(snapshot + 1);

        bool beforeSnapshot = lendAt <= snapshot;
        vm.prank(borrower);
        uint256 borrowerWeight = governor.castVote(proposalId, support);
        assertEq(borrowerWeight, beforeSnapshot ? amount : 0, "borrower weight");
        vm.prank(bob);
        uint256 bobWeight = governor.castVote(proposalId, support);
        assertEq(bobWeight, beforeSnapshot ? BOB_AMOUNT - amount : BOB_AMOUNT, "lender weight");

        // The loan is repaid; the tally is what the snapshot allowed, never more than the supply at the snapshot.
        vm.prank(borrower);
        token.transfer(bob, amount);
        (uint256 against, uint256 forVotes, uint256 abstain) = governor.proposalVotes(proposalId);
        assertEq(against + forVotes + abstain, BOB_AMOUNT, "tally counts Bob's tokens once");
        assertLe(against + forVotes + abstain, token.getPastTotalSupply(snapshot), "tally within supply");
    }

    /// @notice A flash loan inside one block after the snapshot: transfer, delegate, vote, repay. It weighs nothing.
    function testFuzz_FlashLoanedVotesWeighNothing(uint256 amount, uint256 voteAt, uint8 support) public {
        support = uint8(bound(support, 0, 2));
        uint256 proposalId = _propose("pay carol");
        amount = bound(amount, 1, ALICE_AMOUNT);
        voteAt = bound(voteAt, governor.proposalSnapshot(proposalId) + 1, governor.proposalDeadline(proposalId));
        vm.warp(voteAt);

        vm.prank(alice);
        token.transfer(borrower, amount);
        vm.startPrank(borrower);
        token.delegate(borrower);
        assertEq(token.getVotes(borrower), amount, "borrower holds live votes");
        uint256 weight = governor.castVote(proposalId, support);
        token.transfer(alice, amount);
        vm.stopPrank();

        assertEq(weight, 0, "flash-loaned votes weigh nothing");
        (uint256 against, uint256 forVotes, uint256 abstain) = governor.proposalVotes(proposalId);
        assertEq(against + forVotes + abstain, 0, "nothing tallied");
    }

    /// @notice Delegating after the snapshot moves no weight either.
    function testFuzz_DelegationAfterTheSnapshotWeighsNothing(uint256 delegateAt, uint8 support) public {
        support = uint8(bound(support, 0, 2));
        uint256 proposalId = _propose("pay carol");
        uint256 snapshot = governor.proposalSnapshot(proposalId);
        delegateAt = bound(delegateAt, snapshot + 1, governor.proposalDeadline(proposalId));
        vm.warp(delegateAt);
        vm.prank(carol);
        token.delegate(dave);
        vm.prank(dave);
        uint256 daveWeight = governor.castVote(proposalId, support);
        vm.prank(carol);
        uint256 carolWeight = governor.castVote(proposalId, support);
        assertEq(daveWeight, DAVE_AMOUNT, "dave keeps only his snapshot weight");
        assertEq(carolWeight, CAROL_AMOUNT, "carol keeps her snapshot weight");
    }

    // ----------------------------------------------------------------------------------------------------------------
    // No double vote, no replayed signature
    // ----------------------------------------------------------------------------------------------------------------

    function testFuzz_RevertIf_VoterVotesTwice(uint256 voterSeed, uint8 first, uint8 second, uint8 method) public {
        uint256[4] memory keys = [ALICE_KEY, BOB_KEY, CAROL_KEY, DAVE_KEY];
        uint256 key = keys[voterSeed % 4];
        address voter = vm.addr(key);
        first = uint8(bound(first, 0, 2));
        second = uint8(bound(second, 0, 2));
        uint256 proposalId = _propose("pay carol");
        vm.warp(governor.proposalSnapshot(proposalId) + 1);

        vm.prank(voter);
        uint256 weight = governor.castVote(proposalId, first);

        // A fresh, valid signature (unused nonce) for the bySig path: it is still a second vote.
        bytes memory signature = _sign(key, _ballotDigest(proposalId, second, voter, governor.nonces(voter)));
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorAlreadyCastVote.selector, voter));
        method = method % 4;
        if (method == 0) {
            vm.prank(voter);
            governor.castVote(proposalId, second);
        } else if (method == 1) {
            vm.prank(voter);
            governor.castVoteWithReason(proposalId, second, "again");
        } else if (method == 2) {
            vm.prank(voter);
            governor.castVoteWithReasonAndParams(proposalId, second, "again", "");
        } else {
            governor.castVoteBySig(proposalId, second, voter, signature);
        }

        (uint256 against, uint256 forVotes, uint256 abstain) = governor.proposalVotes(proposalId);
        assertEq(against + forVotes + abstain, weight, "counted once");
    }

    function testFuzz_RevertIf_BallotSignatureIsReplayed(uint256 key, uint8 support, address relayer) public {
        key = bound(key, 1, SECP256K1_N - 1);
        support = uint8(bound(support, 0, 2));
        address voter = vm.addr(key);
        vm.assume(voter != alice && voter != bob && voter != carol && voter != dave && voter.code.length == 0);
        vm.prank(alice);
        token.transfer(voter, 50_000 ether);
        vm.prank(voter);
        token.delegate(voter);
        vm.warp(block.timestamp + 1);

        uint256 proposalId = _propose("pay carol");
        uint256 otherProposalId = _propose("pay carol again");
        vm.warp(governor.proposalSnapshot(proposalId) + 1);

        bytes memory signature = _sign(key, _ballotDigest(proposalId, support, voter, 0));
        vm.prank(relayer);
        uint256 weight = governor.castVoteBySig(proposalId, support, voter, signature);
        assertEq(weight, 50_000 ether, "signed vote counted");
        assertTrue(governor.hasVoted(proposalId, voter), "voted");
        assertEq(governor.nonces(voter), 1, "nonce used");

        // Replayed as is: the nonce is spent, so the signature no longer matches.
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorInvalidSignature.selector, voter));
        governor.castVoteBySig(proposalId, support, voter, signature);
        // Replayed on another proposal: the proposal id is signed too.
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorInvalidSignature.selector, voter));
        governor.castVoteBySig(otherProposalId, support, voter, signature);
        // Replayed for another voter, or with another support value.
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorInvalidSignature.selector, alice));
        governor.castVoteBySig(proposalId, support, alice, signature);
        uint8 otherSupport = (support + 1) % 3;
        bytes memory stale = _sign(key, _ballotDigest(otherProposalId, otherSupport, voter, 0));
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorInvalidSignature.selector, voter));
        governor.castVoteBySig(otherProposalId, otherSupport, voter, stale);

        (uint256 against, uint256 forVotes, uint256 abstain) = governor.proposalVotes(proposalId);
        assertEq(against + forVotes + abstain, 50_000 ether, "counted once");
        assertFalse(governor.hasVoted(otherProposalId, voter), "no vote on the other proposal");
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Timing: nothing executes before the vote ends and the timelock delay passes
    // ----------------------------------------------------------------------------------------------------------------

    function testFuzz_NothingExecutesBeforeVoteEndAndTimelockDelay(uint256 queueAt, uint256 executeAt) public {
        string memory description = "pay carol";
        uint256 proposalId = _propose(description);
        uint256 snapshot = governor.proposalSnapshot(proposalId);

        // Before the vote opens, and during it, nothing can be queued or executed.
        vm.warp(bound(queueAt, block.timestamp, snapshot));
        _stateRevert(proposalId, IGovernor.ProposalState.Pending, _bit(IGovernor.ProposalState.Succeeded));
        _queue(description);

        vm.warp(snapshot + 1);
        vm.prank(alice);
        governor.castVote(proposalId, 1);
        vm.prank(bob);
        governor.castVote(proposalId, 1);
        uint256 deadline = governor.proposalDeadline(proposalId);

        queueAt = bound(queueAt, snapshot + 1, deadline + 2 * VOTING_PERIOD);
        vm.warp(queueAt);
        if (queueAt <= deadline) {
            _stateRevert(proposalId, IGovernor.ProposalState.Active, _bit(IGovernor.ProposalState.Succeeded));
            _queue(description);
            _stateRevert(proposalId, IGovernor.ProposalState.Active, _bit(IGovernor.ProposalState.Queued));
            _execute(description);
            vm.warp(deadline + 1);
        }
        _queue(description);
        uint256 queuedAt = block.timestamp;
        uint256 eta = governor.proposalEta(proposalId);
        assertEq(eta, queuedAt + TIMELOCK_DELAY, "eta is queue time + delay");

        executeAt = bound(executeAt, queuedAt, queuedAt + 3 * TIMELOCK_DELAY);
        vm.warp(executeAt);
        if (executeAt < eta) {
            bytes32 operationId = _timelockId(description);
            bytes32 readyBit = bytes32(1 << uint8(TimelockController.OperationState.Ready));
            vm.expectRevert(
                abi.encodeWithSelector(
                    TimelockController.TimelockUnexpectedOperationState.selector,
                    operationId,
                    readyBit
                )
            );
            _execute(description);
            // Nor directly on the timelock, where execution is open to anyone.
            vm.expectRevert(
                abi.encodeWithSelector(
                    TimelockController.TimelockUnexpectedOperationState.selector,
                    operationId,
                    readyBit
                )
            );
            _executeOnTimelock(description);
            assertEq(carol.balance, 0, "nothing paid early");
            assertTrue(governor.state(proposalId) == IGovernor.ProposalState.Queued, "still queued");
        } else {
            _execute(description);
            assertEq(carol.balance, PAYOUT, "paid once executed");
            assertTrue(governor.state(proposalId) == IGovernor.ProposalState.Executed, "executed");
            assertGt(block.timestamp, deadline, "after the vote");
            assertGe(block.timestamp, queuedAt + TIMELOCK_DELAY, "after the delay");
        }
    }

    function testFuzz_RevertIf_DefeatedProposalIsQueued(uint256 against, uint256 at) public {
        string memory description = "pay carol";
        uint256 proposalId = _propose(description);
        vm.warp(governor.proposalSnapshot(proposalId) + 1);
        // Dave alone is below quorum; or Alice votes against.
        if (against % 2 == 0) {
            vm.prank(dave);
            governor.castVote(proposalId, 1);
        } else {
            vm.prank(alice);
            governor.castVote(proposalId, 0);
            vm.prank(bob);
            governor.castVote(proposalId, 1);
        }
        vm.warp(bound(at, governor.proposalDeadline(proposalId) + 1, 365 days + START_TIME));
        _stateRevert(proposalId, IGovernor.ProposalState.Defeated, _bit(IGovernor.ProposalState.Succeeded));
        _queue(description);
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Executed and Canceled are final and exclusive
    // ----------------------------------------------------------------------------------------------------------------

    bytes32 internal constant CANCELABLE = bytes32(
        uint256(
            (1 << uint8(IGovernor.ProposalState.Pending)) |
                (1 << uint8(IGovernor.ProposalState.Active)) |
                (1 << uint8(IGovernor.ProposalState.Defeated)) |
                (1 << uint8(IGovernor.ProposalState.Succeeded)) |
                (1 << uint8(IGovernor.ProposalState.Queued))
        )
    );

    function _passAndQueue(string memory description) internal returns (uint256 proposalId) {
        proposalId = _propose(description);
        vm.warp(governor.proposalSnapshot(proposalId) + 1);
        vm.prank(alice);
        governor.castVote(proposalId, 1);
        vm.warp(governor.proposalDeadline(proposalId) + 1);
        _queue(description);
    }

    function testFuzz_ExecutedIsFinal(uint256 later, bool onTimelock) public {
        string memory description = "pay carol";
        uint256 proposalId = _passAndQueue(description);
        vm.warp(governor.proposalEta(proposalId));
        // Executed through the Governor, or directly on the timelock (execution is open): both are final.
        if (onTimelock) _executeOnTimelock(description);
        else _execute(description);
        assertTrue(governor.state(proposalId) == IGovernor.ProposalState.Executed, "executed");

        vm.warp(block.timestamp + bound(later, 0, 3650 days));
        assertTrue(governor.state(proposalId) == IGovernor.ProposalState.Executed, "still executed");
        _stateRevert(proposalId, IGovernor.ProposalState.Executed, CANCELABLE);
        _cancel(guardian, description);
        _stateRevert(proposalId, IGovernor.ProposalState.Executed, _bit(IGovernor.ProposalState.Queued));
        _execute(description);
        _stateRevert(proposalId, IGovernor.ProposalState.Executed, _bit(IGovernor.ProposalState.Succeeded));
        _queue(description);
        assertEq(carol.balance, PAYOUT, "paid exactly once");
    }

    /// @notice The guardian cancels at a fuzzed stage (Pending, Active, Succeeded, Queued, Queued and ready); the
    /// proposal stays Canceled forever and nothing of it runs, through the Governor or the timelock.
    function testFuzz_CanceledIsFinal(uint8 stage, uint256 later) public {
        string memory description = "pay carol";
        stage = stage % 5;
        uint256 proposalId = _propose(description);
        if (stage >= 1) {
            vm.warp(governor.proposalSnapshot(proposalId) + 1);
            vm.prank(alice);
            governor.castVote(proposalId, 1);
        }
        if (stage >= 2) vm.warp(governor.proposalDeadline(proposalId) + 1);
        if (stage >= 3) _queue(description);
        if (stage >= 4) vm.warp(governor.proposalEta(proposalId));

        _cancel(guardian, description);
        assertTrue(governor.state(proposalId) == IGovernor.ProposalState.Canceled, "canceled");
        if (stage >= 3) assertFalse(timelock.isOperation(_timelockId(description)), "timelock operation canceled");

        vm.warp(block.timestamp + bound(later, 0, 3650 days));
        assertTrue(governor.state(proposalId) == IGovernor.ProposalState.Canceled, "still canceled");
        _stateRevert(proposalId, IGovernor.ProposalState.Canceled, _bit(IGovernor.ProposalState.Succeeded));
        _queue(description);
        _stateRevert(proposalId, IGovernor.ProposalState.Canceled, _bit(IGovernor.ProposalState.Queued));
        _execute(description);
        _stateRevert(proposalId, IGovernor.ProposalState.Canceled, CANCELABLE);
        _cancel(guardian, description);
        vm.expectRevert();
        _executeOnTimelock(description);
        assertEq(carol.balance, 0, "nothing paid");
    }

    /// @notice Only the proposal guardian cancels a proposal once voting has started (the proposer only while Pending).
    function testFuzz_RevertIf_NonGuardianCancels(address caller, uint8 stage) public {
        vm.assume(caller != guardian);
        string memory description = "pay carol";
        uint256 proposalId = _propose(description);
        vm.warp(governor.proposalSnapshot(proposalId) + 1 + (stage % 2) * VOTING_PERIOD * 2);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorUnableToCancel.selector, proposalId, caller));
        _cancel(caller, description);
    }

    function test_ProposerCancelsOnlyWhilePending() public {
        uint256 proposalId = _propose("pay carol");
        _cancel(alice, "pay carol");
        assertTrue(governor.state(proposalId) == IGovernor.ProposalState.Canceled, "canceled by proposer");
    }
}
