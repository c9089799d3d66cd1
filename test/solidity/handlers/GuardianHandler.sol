// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {GovernanceToken} from "../../../contracts/governance/GovernanceToken.sol";
import {ModelGovernor} from "../../../contracts/governance/ModelGovernor.sol";
import {KillSwitch} from "../../../contracts/safety/KillSwitch.sol";
import {DatasetRegistry} from "../../../contracts/registry/DatasetRegistry.sol";
import {ModelRegistry} from "../../../contracts/registry/ModelRegistry.sol";
import {Treasury} from "../../../contracts/treasury/Treasury.sol";
import {Test} from "../utils/Test.sol";

/**
 * @title GuardianHandler
 * @notice Acts as the guardian and calls every state-changing function of every DAO contract with fuzzed arguments.
 * @dev Each call is made with `vm.prank(guardian)` and a low-level call, so a revert does not end the sequence. Calls
 * fall in three groups:
 * - allowed: the kill switch's `pause` / `pauseModel`, and the Governor's `cancel` (proposal guardian);
 * - neutral: calls anyone may make that grant no power (a zero-weight vote, `delegate`, `approve`, zero transfers,
 *   renouncing a role one does not hold); the state invariants check they change nothing that matters;
 * - forbidden: everything else. `forbiddenSuccesses` counts those that did not revert; it must stay zero.
 */
contract GuardianHandler is Test {
    struct Dao {
        TimelockController timelock;
        Treasury treasury;
        GovernanceToken token;
        ModelGovernor governor;
        KillSwitch killSwitch;
        DatasetRegistry datasets;
        ModelRegistry registry;
    }

    TimelockController internal immutable timelock;
    Treasury internal immutable treasury;
    GovernanceToken internal immutable token;
    ModelGovernor internal immutable governor;
    KillSwitch internal immutable killSwitch;
    DatasetRegistry internal immutable datasets;
    ModelRegistry internal immutable registry;
    address internal immutable guardian;

    bytes32[] internal _modelIds;
    bytes32[] internal _datasetIds;
    address[] internal _accounts;

    // The proposal the guardian may cancel (it pays the guardian; it must never pass through the guardian's actions).
    address[] internal _pTargets;
    uint256[] internal _pValues;
    bytes[] internal _pCalldatas;
    bytes32 internal _pDescriptionHash;

    // Ghosts.
    uint256 public forbiddenSuccesses;
    string public lastForbiddenSuccess;
    bool public guardianPausedAll;
    mapping(bytes32 modelId => bool) public guardianPausedModel;
    uint256 public calls;

    constructor(
        Dao memory dao,
        address guardian_,
        bytes32[] memory modelIds_,
        bytes32[] memory datasetIds_,
        address[] memory accounts_
    ) {
        timelock = dao.timelock;
        treasury = dao.treasury;
        token = dao.token;
        governor = dao.governor;
        killSwitch = dao.killSwitch;
        datasets = dao.datasets;
        registry = dao.registry;
        guardian = guardian_;
        _modelIds = modelIds_;
        _datasetIds = datasetIds_;
        _accounts = accounts_;
    }

    function setProposal(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) external {
        _pTargets = targets;
        _pValues = values;
        _pCalldatas = calldatas;
        _pDescriptionHash = descriptionHash;
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Plumbing
    // ----------------------------------------------------------------------------------------------------------------

    function _call(address target, bytes memory data) internal returns (bool ok) {
        ++calls;
        vm.prank(guardian);
        (ok, ) = target.call(data);
    }

    function _forbidden(address target, bytes memory data, string memory what) internal {
        if (_call(target, data)) {
            ++forbiddenSuccesses;
            lastForbiddenSuccess = what;
        }
    }

    function _model(uint256 seed) internal view returns (bytes32) {
        return _modelIds[seed % _modelIds.length];
    }

    function _dataset(uint256 seed) internal view returns (bytes32) {
        return _datasetIds[seed % _datasetIds.length];
    }

    function _account(uint256 seed) internal view returns (address) {
        return _accounts[seed % _accounts.length];
    }

    function _reason(uint256 seed) internal pure returns (string memory) {
        return seed % 5 == 0 ? "" : "guardian says so";
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Time
    // ----------------------------------------------------------------------------------------------------------------

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 0, 3 days));
    }

    // ----------------------------------------------------------------------------------------------------------------
    // KillSwitch
    // ----------------------------------------------------------------------------------------------------------------

    function pause(uint256 reasonSeed) external {
        if (_call(address(killSwitch), abi.encodeCall(killSwitch.pause, (_reason(reasonSeed))))) {
            guardianPausedAll = true;
        }
    }

    function pauseModel(uint256 modelSeed, uint256 reasonSeed) external {
        bytes32 modelId = _model(modelSeed);
        if (_call(address(killSwitch), abi.encodeCall(killSwitch.pauseModel, (modelId, _reason(reasonSeed))))) {
            guardianPausedModel[modelId] = true;
        }
    }

    function unpause(uint256 reasonSeed) external {
        _forbidden(address(killSwitch), abi.encodeCall(killSwitch.unpause, (_reason(reasonSeed))), "unpause");
    }

    function unpauseModel(uint256 modelSeed, uint256 reasonSeed) external {
        _forbidden(
            address(killSwitch),
            abi.encodeCall(killSwitch.unpauseModel, (_model(modelSeed), _reason(reasonSeed))),
            "unpauseModel"
        );
    }

    function setGuardian(uint256 accountSeed) external {
        _forbidden(address(killSwitch), abi.encodeCall(killSwitch.setGuardian, (_account(accountSeed))), "setGuardian");
    }

    function ownership(uint256 contractSeed, uint256 accountSeed, bool renounce) external {
        address[3] memory owned = [address(killSwitch), address(datasets), address(treasury)];
        address target = owned[contractSeed % 3];
        bytes memory data =
            renounce
                ? abi.encodeWithSignature("renounceOwnership()")
                : abi.encodeWithSignature("transferOwnership(address)", _account(accountSeed));
        _forbidden(target, data, "ownership");
    }

    // ----------------------------------------------------------------------------------------------------------------
    // DatasetRegistry
    // ----------------------------------------------------------------------------------------------------------------

    function approveDataset(uint256 datasetSeed, bytes32 manifestDigest) external {
        DatasetRegistry.DatasetInput memory input = DatasetRegistry.DatasetInput({
            id: _dataset(datasetSeed),
            cid: "bafy-guardian",
            manifestDigest: manifestDigest,
            cardDigest: manifestDigest,
            license: "MIT",
            source: "guardian",
            creator: "guardian"
        });
        _forbidden(address(datasets), abi.encodeCall(datasets.approveDataset, (input)), "approveDataset");
    }

    function revokeDataset(uint256 datasetSeed, uint256 reasonSeed) external {
        _forbidden(
            address(datasets),
            abi.encodeCall(datasets.revokeDataset, (_dataset(datasetSeed), _reason(reasonSeed))),
            "revokeDataset"
        );
    }

    // ----------------------------------------------------------------------------------------------------------------
    // ModelRegistry
    // ----------------------------------------------------------------------------------------------------------------

    function submitModelVersion(
        uint256 modelSeed,
        uint32 parent,
        bytes32 digest,
        uint256 trainSeed,
        uint256 evalSeed
    ) external {
        bytes32[] memory training = new bytes32[](1);
        training[0] = _dataset(trainSeed);
        ModelRegistry.ModelVersionInput memory input = ModelRegistry.ModelVersionInput({
            modelId: _model(modelSeed),
            parentVersion: uint32(bound(parent, 0, 4)),
            cid: "bafy-guardian",
            manifestDigest: digest,
            cardDigest: digest,
            trainingDatasets: training,
            evaluationDataset: _dataset(evalSeed),
            claimedAccuracyBps: 10_000,
            claimedMacroF1Bps: 10_000
        });
        _forbidden(address(registry), abi.encodeCall(registry.submitModelVersion, (input)), "submitModelVersion");
    }

    function activateVersion(uint256 modelSeed, uint32 version) external {
        _forbidden(
            address(registry),
            abi.encodeCall(registry.activateVersion, (_model(modelSeed), uint32(bound(version, 0, 4)))),
            "activateVersion"
        );
    }

    function rollbackTo(uint256 modelSeed, uint32 version) external {
        _forbidden(
            address(registry),
            abi.encodeCall(registry.rollbackTo, (_model(modelSeed), uint32(bound(version, 0, 4)))),
            "rollbackTo"
        );
    }

    function retireOrRevokeVersion(uint256 modelSeed, uint32 version, uint256 reasonSeed, bool revoke) external {
        bytes32 modelId = _model(modelSeed);
        uint32 v = uint32(bound(version, 0, 4));
        bytes memory data =
            revoke
                ? abi.encodeCall(registry.revokeVersion, (modelId, v, _reason(reasonSeed)))
                : abi.encodeCall(registry.retireVersion, (modelId, v, _reason(reasonSeed)));
        _forbidden(address(registry), data, revoke ? "revokeVersion" : "retireVersion");
    }

    /// @dev grantRole / revokeRole on the registry and the timelock, with every role either contract knows.
    function roles(uint256 contractSeed, uint256 roleSeed, uint256 accountSeed, uint256 op) external {
        address target = contractSeed % 2 == 0 ? address(registry) : address(timelock);
        bytes32[5] memory allRoles = [
            bytes32(0),
            registry.MAINTAINER_ROLE(),
            timelock.PROPOSER_ROLE(),
            timelock.EXECUTOR_ROLE(),
            timelock.CANCELLER_ROLE()
        ];
        bytes32 role = allRoles[roleSeed % allRoles.length];
        address account = _account(accountSeed);
        op = op % 3;
        if (op == 0) {
            _forbidden(target, abi.encodeWithSignature("grantRole(bytes32,address)", role, account), "grantRole");
        } else if (op == 1) {
            _forbidden(target, abi.encodeWithSignature("revokeRole(bytes32,address)", role, account), "revokeRole");
        } else {
            // Neutral: renouncing a role the guardian does not hold is a no-op; renouncing another's role reverts.
            if (account == guardian) {
                _call(target, abi.encodeWithSignature("renounceRole(bytes32,address)", role, guardian));
            } else {
                _forbidden(target, abi.encodeWithSignature("renounceRole(bytes32,address)", role, account), "renounce");
            }
        }
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Treasury
    // ----------------------------------------------------------------------------------------------------------------

    function payout(bool eth, uint256 accountSeed, uint256 amount) external {
        address asset = eth ? address(0) : address(token);
        _forbidden(
            address(treasury),
            abi.encodeCall(treasury.payout, (asset, _account(accountSeed), amount, "guardian payout")),
            "payout"
        );
    }

    function createGrant(
        bool eth,
        uint256 accountSeed,
        uint128 amount,
        uint40 start,
        uint32 cliff,
        uint32 duration
    ) external {
        address asset = eth ? address(0) : address(token);
        _forbidden(
            address(treasury),
            abi.encodeCall(treasury.createGrant, (_account(accountSeed), asset, amount, start, cliff, duration, "g")),
            "createGrant"
        );
    }

    function cancelGrant(uint256 grantId, uint256 reasonSeed) external {
        _forbidden(
            address(treasury),
            abi.encodeCall(treasury.cancelGrant, (bound(grantId, 0, 2), _reason(reasonSeed))),
            "cancelGrant"
        );
    }

    /// @dev The setup's grant has not vested, so even this open function must revert.
    function release(uint256 grantId) external {
        _forbidden(address(treasury), abi.encodeCall(treasury.release, (bound(grantId, 0, 2))), "release");
    }

    function pullTreasuryTokens(uint256 amount) external {
        _forbidden(
            address(token),
            abi.encodeCall(token.transferFrom, (address(treasury), guardian, bound(amount, 1, 1e30))),
            "transferFrom treasury"
        );
    }

    // ----------------------------------------------------------------------------------------------------------------
    // TimelockController
    // ----------------------------------------------------------------------------------------------------------------

    /// @dev A call governance could make that would give the guardian power or money, if the guardian could get it run.
    function _harmfulCall(uint256 seed) internal view returns (address target, bytes memory data) {
        seed = seed % 5;
        if (seed == 0) return (address(killSwitch), abi.encodeCall(killSwitch.unpause, ("x")));
        if (seed == 1) {
            return (address(treasury), abi.encodeCall(treasury.payout, (address(0), guardian, 1 ether, "x")));
        }
        if (seed == 2) return (address(registry), abi.encodeCall(registry.activateVersion, (_modelIds[0], 3)));
        if (seed == 3) {
            return (address(timelock), abi.encodeCall(timelock.grantRole, (timelock.PROPOSER_ROLE(), guardian)));
        }
        return (address(governor), abi.encodeCall(governor.setProposalGuardian, (address(0))));
    }

    function timelockOperation(uint256 callSeed, uint256 op, bytes32 salt, uint256 delay) external {
        (address target, bytes memory data) = _harmfulCall(callSeed);
        op = op % 5;
        if (op == 0) {
            _forbidden(
                address(timelock),
                abi.encodeCall(timelock.schedule, (target, 0, data, bytes32(0), salt, bound(delay, 0, 30 days))),
                "schedule"
            );
        } else if (op == 1) {
            address[] memory targets = new address[](1);
            targets[0] = target;
            uint256[] memory values = new uint256[](1);
            bytes[] memory payloads = new bytes[](1);
            payloads[0] = data;
            _forbidden(
                address(timelock),
                abi.encodeCall(timelock.scheduleBatch, (targets, values, payloads, bytes32(0), salt, delay)),
                "scheduleBatch"
            );
        } else if (op == 2) {
            _forbidden(
                address(timelock),
                abi.encodeCall(timelock.execute, (target, 0, data, bytes32(0), salt)),
                "execute"
            );
        } else if (op == 3) {
            _forbidden(
                address(timelock),
                abi.encodeCall(timelock.cancel, (timelock.hashOperation(target, 0, data, bytes32(0), salt))),
                "cancel"
            );
        } else {
            _forbidden(address(timelock), abi.encodeCall(timelock.updateDelay, (delay)), "updateDelay");
        }
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Governor
    // ----------------------------------------------------------------------------------------------------------------

    /// @notice Allowed: the guardian is the Governor's proposal guardian.
    function cancelProposal() external {
        _call(
            address(governor),
            abi.encodeCall(governor.cancel, (_pTargets, _pValues, _pCalldatas, _pDescriptionHash))
        );
    }

    function queueOrExecuteProposal(bool execute) external {
        bytes memory data =
            execute
                ? abi.encodeCall(governor.execute, (_pTargets, _pValues, _pCalldatas, _pDescriptionHash))
                : abi.encodeCall(governor.queue, (_pTargets, _pValues, _pCalldatas, _pDescriptionHash));
        _forbidden(address(governor), data, execute ? "governor.execute" : "governor.queue");
    }

    /// @notice Neutral: the guardian holds no votes, so its vote weighs nothing.
    function castVote(uint8 support) external {
        uint256 proposalId = governor.getProposalId(_pTargets, _pValues, _pCalldatas, _pDescriptionHash);
        _call(address(governor), abi.encodeCall(governor.castVote, (proposalId, support % 3)));
    }

    function propose(uint256 callSeed, uint256 descriptionSeed) external {
        (address target, bytes memory data) = _harmfulCall(callSeed);
        address[] memory targets = new address[](1);
        targets[0] = target;
        uint256[] memory values = new uint256[](1);
        bytes[] memory calldatas = new bytes[](1);
        calldatas[0] = data;
        _forbidden(
            address(governor),
            abi.encodeCall(governor.propose, (targets, values, calldatas, vm.toString(descriptionSeed))),
            "propose"
        );
    }

    function governorSettings(uint256 which, uint256 value) external {
        which = which % 8;
        bytes memory data;
        if (which == 0) data = abi.encodeCall(governor.setVotingDelay, (uint48(value)));
        else if (which == 1) data = abi.encodeCall(governor.setVotingPeriod, (uint32(value)));
        else if (which == 2) data = abi.encodeCall(governor.setProposalThreshold, (value));
        else if (which == 3) data = abi.encodeCall(governor.updateQuorumNumerator, (value % 101));
        else if (which == 4) data = abi.encodeCall(governor.setLateQuorumVoteExtension, (uint48(value)));
        else if (which == 5) data = abi.encodeCall(governor.setProposalGuardian, (_account(value)));
        else if (which == 6) data = abi.encodeCall(governor.updateTimelock, (TimelockController(payable(guardian))));
        else {
            (address target, bytes memory inner) = _harmfulCall(value);
            data = abi.encodeCall(governor.relay, (target, 0, inner));
        }
        _forbidden(address(governor), data, "governor setting");
    }

    // ----------------------------------------------------------------------------------------------------------------
    // GovernanceToken
    // ----------------------------------------------------------------------------------------------------------------

    /// @notice Neutral: the guardian holds no tokens; delegating, approving and zero transfers move nothing.
    function tokenNeutral(uint256 accountSeed, uint256 op) external {
        address account = _account(accountSeed);
        op = op % 3;
        if (op == 0) _call(address(token), abi.encodeCall(token.delegate, (account)));
        else if (op == 1) _call(address(token), abi.encodeCall(token.approve, (account, type(uint256).max)));
        else _call(address(token), abi.encodeCall(token.transfer, (account, 0)));
    }
}
