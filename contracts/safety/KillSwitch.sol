// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/**
 * @title KillSwitch
 * @notice Lets the guardian (meant to be a multisig) stop one model, or every model, at once, with a reason. Only
 * governance (the timelock, the owner) unpauses or changes the guardian.
 * @dev The guardian holds no other power in ModelDAO: this contract is the only place its address is checked, besides
 * the Governor's proposal-guardian role (cancel). Consumers ask {isServing} on the model registry, which reads
 * {isPaused} here. The guardian and the global flag share one storage slot so that a pause costs one warm write.
 */
contract KillSwitch is Ownable {
    struct GlobalState {
        address guardian;
        bool paused;
        uint40 pausedAt;
    }

    GlobalState private _global;
    mapping(bytes32 modelId => uint40 pausedAt) private _modelPausedAt;

    /// @notice Emitted when everything is paused. `by` is the guardian or governance.
    event AllPaused(address indexed by, string reason);
    /// @notice Emitted when governance lifts the global pause.
    event AllUnpaused(string reason);
    /// @notice Emitted when one model is paused.
    event ModelPaused(bytes32 indexed modelId, address indexed by, string reason);
    /// @notice Emitted when governance lifts one model's pause.
    event ModelUnpaused(bytes32 indexed modelId, string reason);
    /// @notice Emitted when governance replaces the guardian.
    event GuardianChanged(address indexed previousGuardian, address indexed newGuardian);

    /// @notice The caller is neither the guardian nor governance.
    error KillSwitchUnauthorized(address caller);
    /// @notice A reason is required.
    error KillSwitchReasonRequired();
    /// @notice The model id is zero; use {pause} to stop everything.
    error KillSwitchInvalidModelId();
    /// @notice It is already paused.
    error KillSwitchAlreadyPaused(bytes32 modelId);
    /// @notice It is not paused.
    error KillSwitchNotPaused(bytes32 modelId);

    /**
     * @param governance The timelock: the only address that unpauses or changes the guardian.
     * @param guardian_ The guardian (a multisig in production); may be zero, in which case only governance pauses.
     */
    constructor(address governance, address guardian_) Ownable(governance) {
        _global.guardian = guardian_;
        emit GuardianChanged(address(0), guardian_);
    }

    modifier onlyGuardianOrGovernance() {
        if (msg.sender != _global.guardian && msg.sender != owner()) revert KillSwitchUnauthorized(msg.sender);
        _;
    }

    /**
     * @notice Pauses every model at once. Guardian or governance.
     * @param reason Why; shown to every user of the dApp until governance unpauses.
     */
    function pause(string calldata reason) external onlyGuardianOrGovernance {
        if (bytes(reason).length == 0) revert KillSwitchReasonRequired();
        if (_global.paused) revert KillSwitchAlreadyPaused(bytes32(0));
        _global.paused = true;
        _global.pausedAt = uint40(block.timestamp);
        emit AllPaused(msg.sender, reason);
    }

    /**
     * @notice Pauses one model. Guardian or governance.
     * @param modelId The model's id.
     * @param reason Why; shown on the model's pages until governance unpauses it.
     */
    function pauseModel(bytes32 modelId, string calldata reason) external onlyGuardianOrGovernance {
        if (modelId == bytes32(0)) revert KillSwitchInvalidModelId();
        if (bytes(reason).length == 0) revert KillSwitchReasonRequired();
        if (_modelPausedAt[modelId] != 0) revert KillSwitchAlreadyPaused(modelId);
        _modelPausedAt[modelId] = uint40(block.timestamp);
        emit ModelPaused(modelId, msg.sender, reason);
    }

    /**
     * @notice Lifts the global pause. Only governance.
     * @param reason Why it is safe again (the proposal's summary).
     */
    function unpause(string calldata reason) external onlyOwner {
        if (bytes(reason).length == 0) revert KillSwitchReasonRequired();
        if (!_global.paused) revert KillSwitchNotPaused(bytes32(0));
        _global.paused = false;
        _global.pausedAt = 0;
        emit AllUnpaused(reason);
    }

    /**
     * @notice Lifts one model's pause. Only governance.
     * @param modelId The model's id.
     * @param reason Why it is safe again.
     */
    function unpauseModel(bytes32 modelId, string calldata reason) external onlyOwner {
        if (bytes(reason).length == 0) revert KillSwitchReasonRequired();
        if (_modelPausedAt[modelId] == 0) revert KillSwitchNotPaused(modelId);
        delete _modelPausedAt[modelId];
        emit ModelUnpaused(modelId, reason);
    }

    /**
     * @notice Replaces the guardian. Only governance.
     * @param newGuardian The new guardian; zero leaves pausing to governance alone.
     */
    function setGuardian(address newGuardian) external onlyOwner {
        address previous = _global.guardian;
        _global.guardian = newGuardian;
        emit GuardianChanged(previous, newGuardian);
    }

    /// @notice The current guardian.
    function guardian() external view returns (address) {
        return _global.guardian;
    }

    /// @notice Whether everything is paused, and since when (0 when not).
    function globalPause() external view returns (bool paused, uint40 pausedAt) {
        return (_global.paused, _global.pausedAt);
    }

    /// @notice When `modelId` was paused on its own (0 when it is not).
    function modelPausedAt(bytes32 modelId) external view returns (uint40) {
        return _modelPausedAt[modelId];
    }

    /// @notice Whether `modelId` is paused, on its own or by the global pause.
    function isPaused(bytes32 modelId) public view returns (bool) {
        return _global.paused || _modelPausedAt[modelId] != 0;
    }
}
