// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

/**
 * @title Treasury
 * @notice Holds ModelDAO's ETH and ERC-20 tokens. Governance (the timelock, the owner) pays contributors directly or
 * through vesting grants; a grant's beneficiary releases what has vested, and governance may cancel a grant, which
 * returns the unvested part to the treasury.
 * @dev Funds promised to grants are reserved: a payout or a new grant can only spend what is not reserved, so every
 * grant stays fully funded and can never pay more than it was approved for. The zero address stands for ETH.
 * Every transfer out is guarded against reentrancy and uses SafeERC20 / {Address-sendValue}.
 */
contract Treasury is Ownable, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice The asset id used for ETH.
    address public constant ETH = address(0);

    struct Grant {
        address beneficiary;
        uint40 start;
        uint32 duration;
        bool canceled;
        address token;
        uint32 cliff;
        uint128 amount;
        uint128 released;
    }

    Grant[] private _grants;
    mapping(address token => uint256) private _reserved;

    /// @notice Emitted when ETH arrives.
    event Deposited(address indexed from, uint256 amount);
    /// @notice Emitted when governance pays `amount` of `token` to `to`.
    event PaidOut(address indexed token, address indexed to, uint256 amount, string memo);
    /// @notice Emitted when governance creates a vesting grant.
    event GrantCreated(
        uint256 indexed grantId,
        address indexed beneficiary,
        address indexed token,
        uint256 amount,
        uint40 start,
        uint32 cliff,
        uint32 duration,
        string memo
    );
    /// @notice Emitted when vested tokens of a grant are paid to its beneficiary.
    event GrantReleased(uint256 indexed grantId, address indexed beneficiary, uint256 amount);
    /// @notice Emitted when governance cancels a grant; `returned` goes back to the available balance.
    event GrantCanceled(uint256 indexed grantId, uint256 vested, uint256 returned, string reason);

    /// @notice The recipient is the zero address.
    error TreasuryZeroRecipient();
    /// @notice The amount is zero.
    error TreasuryZeroAmount();
    /// @notice Not enough unreserved balance of `token`.
    error TreasuryInsufficientAvailable(address token, uint256 available, uint256 requested);
    /// @notice The grant's schedule is invalid (zero duration, or cliff longer than duration).
    error TreasuryInvalidSchedule(uint32 cliff, uint32 duration);
    /// @notice No such grant.
    error TreasuryUnknownGrant(uint256 grantId);
    /// @notice The grant has nothing to release now.
    error TreasuryNothingToRelease(uint256 grantId);
    /// @notice The grant was already canceled.
    error TreasuryGrantCanceled(uint256 grantId);

    /// @param governance The timelock: the only address that pays out, creates or cancels grants.
    constructor(address governance) Ownable(governance) {}

    /// @notice Accepts ETH from anyone.
    receive() external payable {
        emit Deposited(msg.sender, msg.value);
    }

    /**
     * @notice Pays `amount` of `token` (zero address for ETH) to `to`. Only governance.
     * @param token The ERC-20 token, or the zero address for ETH.
     * @param to The recipient.
     * @param amount The amount in the token's smallest unit (wei for ETH).
     * @param memo What the payment is for, kept in the event.
     */
    function payout(address token, address to, uint256 amount, string calldata memo) external onlyOwner nonReentrant {
        if (to == address(0)) revert TreasuryZeroRecipient();
        _requireAvailable(token, amount);
        _transferOut(token, to, amount);
        emit PaidOut(token, to, amount, memo);
    }

    /**
     * @notice Creates a linear vesting grant of `amount` of `token`, reserving it. Nothing vests before
     * `start + cliff`; everything has vested at `start + duration`. Only governance.
     * @param beneficiary Who receives the vested tokens.
     * @param token The ERC-20 token, or the zero address for ETH.
     * @param amount The total granted.
     * @param start When vesting starts (unix seconds).
     * @param cliff Seconds after `start` before anything vests.
     * @param duration Seconds after `start` when everything has vested.
     * @param memo What the grant is for, kept in the event.
     * @return grantId The new grant's id.
     */
    function createGrant(
        address beneficiary,
        address token,
        uint128 amount,
        uint40 start,
        uint32 cliff,
        uint32 duration,
        string calldata memo
    ) external onlyOwner returns (uint256 grantId) {
        if (beneficiary == address(0)) revert TreasuryZeroRecipient();
        if (duration == 0 || cliff > duration) revert TreasuryInvalidSchedule(cliff, duration);
        _requireAvailable(token, amount);
        _reserved[token] += amount;
        grantId = _grants.length;
        _grants.push(
            Grant({
                beneficiary: beneficiary,
                start: start,
                duration: duration,
                canceled: false,
                token: token,
                cliff: cliff,
                amount: amount,
                released: 0
            })
        );
        emit GrantCreated(grantId, beneficiary, token, amount, start, cliff, duration, memo);
    }

    /**
     * @notice Pays a grant's beneficiary everything vested and not yet released. Anyone may call; the funds only ever
     * go to the beneficiary.
     * @param grantId The grant.
     * @return amount What was paid.
     */
    function release(uint256 grantId) external nonReentrant returns (uint256 amount) {
        Grant storage grant = _grant(grantId);
        amount = _vested(grant, block.timestamp) - grant.released;
        if (amount == 0) revert TreasuryNothingToRelease(grantId);
        grant.released += uint128(amount);
        _reserved[grant.token] -= amount;
        _transferOut(grant.token, grant.beneficiary, amount);
        emit GrantReleased(grantId, grant.beneficiary, amount);
    }

    /**
     * @notice Cancels a grant: what has vested stays releasable by the beneficiary, the rest returns to the treasury.
     * Only governance.
     * @param grantId The grant.
     * @param reason Why, kept in the event.
     */
    function cancelGrant(uint256 grantId, string calldata reason) external onlyOwner {
        Grant storage grant = _grant(grantId);
        if (grant.canceled) revert TreasuryGrantCanceled(grantId);
        uint256 vested = _vested(grant, block.timestamp);
        uint256 returned = grant.amount - vested;
        grant.canceled = true;
        grant.amount = uint128(vested);
        _reserved[grant.token] -= returned;
        emit GrantCanceled(grantId, vested, returned, reason);
    }

    /// @notice A grant's record.
    function getGrant(uint256 grantId) external view returns (Grant memory) {
        return _grant(grantId);
    }

    /// @notice How many grants were ever created.
    function grantCount() external view returns (uint256) {
        return _grants.length;
    }

    /// @notice How much of a grant has vested at `timestamp` (released or not).
    function vestedAmount(uint256 grantId, uint256 timestamp) external view returns (uint256) {
        return _vested(_grant(grantId), timestamp);
    }

    /// @notice How much of a grant its beneficiary can release now.
    function releasable(uint256 grantId) external view returns (uint256) {
        Grant storage grant = _grant(grantId);
        return _vested(grant, block.timestamp) - grant.released;
    }

    /// @notice The balance of `token` promised to grants and not yet released.
    function reserved(address token) external view returns (uint256) {
        return _reserved[token];
    }

    /// @notice The balance of `token` that governance can still pay out or grant.
    /// @dev Zero, not an underflow, if a token's balance ever falls below what grants reserve (a rebasing or
    /// fee-charging token), so payouts fail with {TreasuryInsufficientAvailable}.
    function available(address token) public view returns (uint256) {
        uint256 balance = _balance(token);
        uint256 promised = _reserved[token];
        if (balance < promised) return 0;
        return balance - promised;
    }

    function _requireAvailable(address token, uint256 amount) private view {
        if (amount == 0) revert TreasuryZeroAmount();
        uint256 free = available(token);
        if (amount > free) revert TreasuryInsufficientAvailable(token, free, amount);
    }

    function _transferOut(address token, address to, uint256 amount) private {
        if (token == ETH) Address.sendValue(payable(to), amount);
        else IERC20(token).safeTransfer(to, amount);
    }

    function _balance(address token) private view returns (uint256) {
        if (token == ETH) return address(this).balance;
        return IERC20(token).balanceOf(address(this));
    }

    function _grant(uint256 grantId) private view returns (Grant storage) {
        if (grantId >= _grants.length) revert TreasuryUnknownGrant(grantId);
        return _grants[grantId];
    }

    function _vested(Grant storage grant, uint256 timestamp) private view returns (uint256) {
        if (grant.canceled) return grant.amount;
        uint256 start = grant.start;
        if (timestamp < start + grant.cliff) return 0;
        if (timestamp >= start + grant.duration) return grant.amount;
        return (uint256(grant.amount) * (timestamp - start)) / grant.duration;
    }
}
