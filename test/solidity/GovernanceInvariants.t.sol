// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {DaoFixture} from "./utils/DaoFixture.sol";
import {StdInvariantLite} from "./utils/Test.sol";
import {GovernanceHandler} from "./handlers/GovernanceHandler.sol";

/**
 * @notice Proposal lifecycle invariants under random interleavings of proposing, voting, token moves and
 * re-delegation, queueing, executing (Governor or timelock) and canceling:
 * - Executed and Canceled are final and exclusive;
 * - nothing executes (or queues) before the vote ends, and nothing executes before the timelock delay has passed;
 * - each vote weighs the voter's votes at the snapshot, and nobody is counted twice.
 */
contract GovernanceInvariantsTest is DaoFixture, StdInvariantLite {
    GovernanceHandler internal handler;

    function setUp() public {
        _deployDao();
        selfDelegateAll();
        address[] memory holders = new address[](4);
        holders[0] = alice;
        holders[1] = bob;
        holders[2] = carol;
        holders[3] = dave;
        handler = new GovernanceHandler(governor, timelock, token, datasets, guardian, holders);
        handler.propose(0);
        targetContract(address(handler));
    }

    /// @notice The handler can drive a proposal all the way (so the invariants are not vacuous).
    function test_HandlerExecutesAndCancelsProposals() public {
        handler.warpToBoundary(0, 0, 2); // snapshot + 1
        handler.vote(0, 0, 1, false); // Alice votes For
        handler.warpToBoundary(0, 1, 2); // deadline + 1
        handler.queue(0, false);
        handler.warpToBoundary(0, 2, 1); // ready time
        handler.execute(0, false, false);
        assertEq(handler.executions(), 1, "executed");
        handler.propose(1);
        handler.cancel(1, true, 0);
        assertEq(handler.cancellations(), 1, "canceled");
        invariant_ExecutedAndCanceledAreFinalAndExclusive();
        invariant_NothingExecutesEarly();
        invariant_VotesCountTheSnapshotOnce();
    }

    function invariant_ExecutedAndCanceledAreFinalAndExclusive() public view {
        for (uint256 i = 0; i < handler.proposalCount(); ++i) {
            GovernanceHandler.Proposal memory p = handler.proposal(i);
            IGovernor.ProposalState s = governor.state(p.id);
            assertFalse(p.executed && p.canceled, "executed and canceled");
            if (p.executed) {
                assertTrue(s == IGovernor.ProposalState.Executed, "executed stays executed");
                assertTrue(datasets.isApproved(p.datasetId), "the proposal's effect happened");
            }
            if (p.canceled) assertTrue(s == IGovernor.ProposalState.Canceled, "canceled stays canceled");
            if (s == IGovernor.ProposalState.Executed) assertTrue(p.executed, "only seen executions");
            if (!p.executed) assertFalse(datasets.isApproved(p.datasetId), "no effect without execution");
        }
    }

    function invariant_NothingExecutesEarly() public view {
        assertEq(handler.earlyExecutions(), 0, "queued or executed too early, or twice");
    }

    function invariant_VotesCountTheSnapshotOnce() public view {
        assertEq(handler.doubleVotes(), 0, "double vote");
        assertEq(handler.wrongWeights(), 0, "vote weight differs from snapshot votes");
        for (uint256 i = 0; i < handler.proposalCount(); ++i) {
            GovernanceHandler.Proposal memory p = handler.proposal(i);
            (uint256 against, uint256 forVotes, uint256 abstain) = governor.proposalVotes(p.id);
            assertEq(against + forVotes + abstain, p.countedWeight, "tally = counted weights");
            uint256 snapshot = governor.proposalSnapshot(p.id);
            if (snapshot < block.timestamp) {
                assertLe(p.countedWeight, token.getPastTotalSupply(snapshot), "tally within snapshot supply");
            }
            address[] memory voters = handler.voters(p.id);
            for (uint256 j = 0; j < voters.length; ++j) {
                assertEq(
                    handler.ghostWeight(p.id, voters[j]),
                    token.getPastVotes(voters[j], snapshot),
                    "weight = votes at snapshot"
                );
                for (uint256 k = j + 1; k < voters.length; ++k) assertTrue(voters[j] != voters[k], "voter twice");
            }
        }
    }
}
