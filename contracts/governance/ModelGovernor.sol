// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {GovernorCountingSimple} from "@openzeppelin/contracts/governance/extensions/GovernorCountingSimple.sol";
import {GovernorPreventLateQuorum} from "@openzeppelin/contracts/governance/extensions/GovernorPreventLateQuorum.sol";
import {GovernorProposalGuardian} from "@openzeppelin/contracts/governance/extensions/GovernorProposalGuardian.sol";
import {GovernorSettings} from "@openzeppelin/contracts/governance/extensions/GovernorSettings.sol";
import {GovernorTimelockControl} from "@openzeppelin/contracts/governance/extensions/GovernorTimelockControl.sol";
import {GovernorVotes} from "@openzeppelin/contracts/governance/extensions/GovernorVotes.sol";
import {GovernorVotesQuorumFraction} from "@openzeppelin/contracts/governance/extensions/GovernorVotesQuorumFraction.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";

/**
 * @title ModelGovernor
 * @notice The ModelDAO Governor: token holders propose and vote; passed proposals run through the
 * {TimelockController}, which owns the model registry, the dataset whitelist, the kill switch and the treasury.
 * @dev A stock OpenZeppelin Governor, composed exactly as the Contracts Wizard composes it, so that Tally and other
 * Governor tooling work unchanged (same events, ERC-6372 clock, unchanged `ProposalState`). Extensions:
 * - settings (voting delay and period in seconds, proposal threshold), changeable by governance;
 * - simple counting (Against / For / Abstain; quorum counts For + Abstain);
 * - votes from {GovernanceToken} at the proposal snapshot, quorum as a fraction of the past total supply;
 * - timelock control: queue and execute through the timelock;
 * - late-quorum prevention: a proposal that reaches quorum late gets at least `voteExtension` seconds more;
 * - a proposal guardian (the guardian multisig) who may cancel any proposal that has not executed.
 */
contract ModelGovernor is
    Governor,
    GovernorSettings,
    GovernorCountingSimple,
    GovernorVotes,
    GovernorVotesQuorumFraction,
    GovernorTimelockControl,
    GovernorPreventLateQuorum,
    GovernorProposalGuardian
{
    /**
     * @param token The voting token (ERC-5805, timestamp clock).
     * @param timelock The timelock that executes passed proposals and holds every governed asset.
     * @param votingDelay_ Seconds between proposal and the vote's start (the snapshot).
     * @param votingPeriod_ Seconds the vote stays open.
     * @param proposalThreshold_ Votes needed to propose, in the token's smallest unit.
     * @param quorumPercent Percentage of the past total supply that must vote For or Abstain.
     * @param voteExtension Seconds a vote is extended when quorum is reached late.
     * @param proposalGuardian_ The address that may cancel proposals (meant to be the guardian multisig).
     */
    constructor(
        IVotes token,
        TimelockController timelock,
        uint48 votingDelay_,
        uint32 votingPeriod_,
        uint256 proposalThreshold_,
        uint256 quorumPercent,
        uint48 voteExtension,
        address proposalGuardian_
    )
        Governor("ModelDAO Governor")
        GovernorSettings(votingDelay_, votingPeriod_, proposalThreshold_)
        GovernorVotes(token)
        GovernorVotesQuorumFraction(quorumPercent)
        GovernorTimelockControl(timelock)
        GovernorPreventLateQuorum(voteExtension)
    {
        _setProposalGuardian(proposalGuardian_);
    }

    // The overrides below only resolve Solidity's multiple inheritance; each defers to the OpenZeppelin chain.

    /// @inheritdoc Governor
    function state(uint256 proposalId) public view override(Governor, GovernorTimelockControl) returns (ProposalState) {
        return super.state(proposalId);
    }

    /// @inheritdoc Governor
    function proposalNeedsQueuing(
        uint256 proposalId
    ) public view override(Governor, GovernorTimelockControl) returns (bool) {
        return super.proposalNeedsQueuing(proposalId);
    }

    /// @inheritdoc Governor
    function proposalThreshold() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.proposalThreshold();
    }

    /// @inheritdoc Governor
    function proposalDeadline(
        uint256 proposalId
    ) public view override(Governor, GovernorPreventLateQuorum) returns (uint256) {
        return super.proposalDeadline(proposalId);
    }

    function _tallyUpdated(uint256 proposalId) internal override(Governor, GovernorPreventLateQuorum) {
        super._tallyUpdated(proposalId);
    }

    function _validateCancel(
        uint256 proposalId,
        address caller
    ) internal view override(Governor, GovernorProposalGuardian) returns (bool) {
        return super._validateCancel(proposalId, caller);
    }

    function _queueOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint48) {
        return super._queueOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _executeOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) {
        super._executeOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _cancel(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint256) {
        return super._cancel(targets, values, calldatas, descriptionHash);
    }

    function _executor() internal view override(Governor, GovernorTimelockControl) returns (address) {
        return super._executor();
    }
}
