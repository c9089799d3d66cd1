// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {GovernanceToken} from "../../../contracts/governance/GovernanceToken.sol";
import {ModelGovernor} from "../../../contracts/governance/ModelGovernor.sol";
import {DatasetRegistry} from "../../../contracts/registry/DatasetRegistry.sol";
import {Test} from "../utils/Test.sol";

/**
 * @title GovernanceHandler
 * @notice Drives proposals through their whole life in random order: holders propose, vote, move tokens and
 * re-delegate at any time (flash-loan style), anyone queues and executes (through the Governor or straight on the
 * timelock), the guardian or the proposer cancels, and time passes.
 * @dev Each proposal approves a fresh dataset, so an executed proposal leaves a visible trace. Ghosts record each
 * voter's counted weight and the proposals seen Executed or Canceled; violation counters record what must hold at
 * call time (no execution before the deadline and the timelock's ready time, no second vote).
 */
contract GovernanceHandler is Test {
    struct Proposal {
        uint256 id;
        bytes32 datasetId;
        string description;
        bool executed;
        bool canceled;
        uint256 countedWeight;
    }

    ModelGovernor internal immutable governor;
    TimelockController internal immutable timelock;
    GovernanceToken internal immutable token;
    DatasetRegistry internal immutable datasets;
    address internal immutable guardian;

    address[] internal _holders;
    Proposal[] internal _proposals;
    mapping(uint256 proposalId => mapping(address voter => uint256 weight)) public ghostWeight;
    mapping(uint256 proposalId => address[]) internal _voters;

    uint256 public earlyExecutions;
    uint256 public doubleVotes;
    uint256 public wrongWeights;
    uint256 public executions;
    uint256 public cancellations;

    constructor(
        ModelGovernor governor_,
        TimelockController timelock_,
        GovernanceToken token_,
        DatasetRegistry datasets_,
        address guardian_,
        address[] memory holders_
    ) {
        governor = governor_;
        timelock = timelock_;
        token = token_;
        datasets = datasets_;
        guardian = guardian_;
        _holders = holders_;
    }

    function proposalCount() external view returns (uint256) {
        return _proposals.length;
    }

    function proposal(uint256 index) external view returns (Proposal memory) {
        return _proposals[index];
    }

    function voters(uint256 proposalId) external view returns (address[] memory) {
        return _voters[proposalId];
    }

    function _holder(uint256 seed) internal view returns (address) {
        return _holders[seed % _holders.length];
    }

    function _call(
        Proposal storage p
    )
        internal
        view
        returns (address[] memory targets, uint256[] memory values, bytes[] memory calldatas, bytes32 descriptionHash)
    {
        targets = new address[](1);
        targets[0] = address(datasets);
        values = new uint256[](1);
        calldatas = new bytes[](1);
        calldatas[0] = abi.encodeCall(
            datasets.approveDataset,
            (
                DatasetRegistry.DatasetInput({
                    id: p.datasetId,
                    cid: "bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi",
                    manifestDigest: keccak256(abi.encode(p.datasetId)),
                    cardDigest: keccak256(abi.encode(p.datasetId, 1)),
                    license: "CC-BY-4.0",
                    source: "https://example.org",
                    creator: "ModelDAO"
                })
            )
        );
        descriptionHash = keccak256(bytes(p.description));
    }

    /// @dev The setup always makes a first proposal, so there is one to pick.
    function _pick(uint256 seed) internal view returns (Proposal storage) {
        return _proposals[seed % _proposals.length];
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Actions
    // ----------------------------------------------------------------------------------------------------------------

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 1, 400));
    }

    /// @notice Jumps to one of a proposal's boundaries (snapshot, deadline, ready time), one second before, at, or one
    /// second after it: where an off-by-one would let something happen early.
    function warpToBoundary(uint256 proposalSeed, uint256 which, uint256 offset) external {
        Proposal storage p = _pick(proposalSeed);
        which = which % 3;
        uint256 target;
        if (which == 0) target = governor.proposalSnapshot(p.id);
        else if (which == 1) target = governor.proposalDeadline(p.id);
        else target = governor.proposalEta(p.id);
        if (target == 0) return;
        target = target + (offset % 3) - 1;
        if (target > block.timestamp) vm.warp(target);
    }

    /// @notice Moves time to just past the proposal's next boundary: the vote opens, the vote closes, the timelock
    /// delay ends. Sequences of a few calls then reach every state.
    function advance(uint256 proposalSeed) external {
        _advance(_pick(proposalSeed));
    }

    function _advance(Proposal storage p) internal {
        IGovernor.ProposalState s = governor.state(p.id);
        uint256 target;
        if (s == IGovernor.ProposalState.Pending) target = governor.proposalSnapshot(p.id) + 1;
        else if (s == IGovernor.ProposalState.Active) target = governor.proposalDeadline(p.id) + 1;
        else if (s == IGovernor.ProposalState.Queued) target = governor.proposalEta(p.id);
        if (target > block.timestamp) vm.warp(target);
    }

    function propose(uint256 proposerSeed) external {
        if (_proposals.length >= 3) return;
        uint256 n = _proposals.length;
        Proposal storage p = _proposals.push();
        p.datasetId = bytes32(abi.encodePacked("gov-set-", bytes1(uint8(48 + n))));
        p.description = string.concat("proposal #", vm.toString(n));
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas, ) = _call(p);
        vm.prank(_holder(proposerSeed));
        try governor.propose(targets, values, calldatas, p.description) returns (uint256 proposalId) {
            p.id = proposalId;
        } catch {
            _proposals.pop();
        }
    }

    /// @dev Actions take a `wait` flag: when set, time first moves past the proposal's next boundary, so that half of
    /// the attempts come at a time where they may succeed and the other half at whatever time it is.
    function vote(uint256 proposalSeed, uint256 voterSeed, uint8 support, bool wait) external {
        Proposal storage p = _pick(proposalSeed);
        if (wait && governor.state(p.id) == IGovernor.ProposalState.Pending) _advance(p);
        _vote(p, _holder(voterSeed), support % 3);
    }

    /// @notice Every holder who has not voted yet votes For (a proposal with broad support).
    function rally(uint256 proposalSeed, bool wait) external {
        Proposal storage p = _pick(proposalSeed);
        if (wait && governor.state(p.id) == IGovernor.ProposalState.Pending) _advance(p);
        for (uint256 i = 0; i < _holders.length; ++i) {
            if (!governor.hasVoted(p.id, _holders[i])) _vote(p, _holders[i], 1);
        }
    }

    function _vote(Proposal storage p, address voter, uint8 support) internal {
        bool hadVoted = governor.hasVoted(p.id, voter);
        vm.prank(voter);
        try governor.castVote(p.id, support) returns (uint256 weight) {
            if (hadVoted) ++doubleVotes;
            if (weight != token.getPastVotes(voter, governor.proposalSnapshot(p.id))) ++wrongWeights;
            ghostWeight[p.id][voter] = weight;
            _voters[p.id].push(voter);
            p.countedWeight += weight;
        } catch {}
    }

    /// @notice Tokens move and votes are re-delegated at any moment, including right after a snapshot.
    function transferAndDelegate(uint256 fromSeed, uint256 toSeed, uint256 amount, uint256 delegateeSeed) external {
        address from = _holder(fromSeed);
        address to = _holder(toSeed);
        amount = bound(amount, 0, token.balanceOf(from));
        vm.prank(from);
        token.transfer(to, amount);
        vm.prank(to);
        token.delegate(_holder(delegateeSeed));
    }

    function queue(uint256 proposalSeed, bool wait) external {
        Proposal storage p = _pick(proposalSeed);
        if (wait && governor.state(p.id) == IGovernor.ProposalState.Active) _advance(p);
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas, bytes32 dh) = _call(p);
        try governor.queue(targets, values, calldatas, dh) {
            if (block.timestamp <= governor.proposalDeadline(p.id)) ++earlyExecutions;
        } catch {}
    }

    function execute(uint256 proposalSeed, bool onTimelock, bool wait) external {
        Proposal storage p = _pick(proposalSeed);
        if (wait && governor.state(p.id) == IGovernor.ProposalState.Queued) _advance(p);
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas, bytes32 dh) = _call(p);
        bool ok;
        if (onTimelock) {
            bytes32 salt = bytes20(address(governor)) ^ dh;
            try timelock.executeBatch(targets, values, calldatas, bytes32(0), salt) {
                ok = true;
            } catch {}
        } else {
            try governor.execute(targets, values, calldatas, dh) {
                ok = true;
            } catch {}
        }
        if (ok) {
            ++executions;
            uint256 eta = governor.proposalEta(p.id);
            if (
                block.timestamp <= governor.proposalDeadline(p.id) ||
                eta == 0 ||
                block.timestamp < eta ||
                p.executed ||
                p.canceled
            ) ++earlyExecutions;
            p.executed = true;
        }
    }

    /// @dev Only one attempt in four goes ahead: cancellations end proposals, and sequences must also reach execution.
    function cancel(uint256 proposalSeed, bool byGuardian, uint256 chance) external {
        if (chance % 4 != 0) return;
        Proposal storage p = _pick(proposalSeed);
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas, bytes32 dh) = _call(p);
        vm.prank(byGuardian ? guardian : governor.proposalProposer(p.id));
        try governor.cancel(targets, values, calldatas, dh) {
            ++cancellations;
            p.canceled = true;
        } catch {}
    }
}
