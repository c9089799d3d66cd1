// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Treasury} from "../../../contracts/treasury/Treasury.sol";
import {MaliciousReceiver} from "../utils/MaliciousReceiver.sol";
import {Test} from "../utils/Test.sol";

/**
 * @title TreasuryHandler
 * @notice Acts as governance (payouts, grants, cancellations), as anyone (releases, ETH deposits) and lets time pass,
 * over two assets: ETH and the governance token the treasury holds. One beneficiary is a {MaliciousReceiver} that
 * re-enters `release` whenever it is paid, swallowing the failure.
 * @dev Ghosts sum what governance approved and what left the treasury, per asset, and what each grant paid.
 */
contract TreasuryHandler is Test {
    Treasury internal immutable treasury;
    address internal immutable timelock;
    IERC20 internal immutable token;
    MaliciousReceiver public immutable receiver;

    address[] internal _beneficiaries;

    mapping(address asset => uint256) public granted; // sum of grant amounts at creation
    mapping(address asset => uint256) public returnedOnCancel; // unvested parts given back by cancellations
    mapping(address asset => uint256) public released;
    mapping(address asset => uint256) public paidOut;
    mapping(address asset => uint256) public deposited;
    mapping(uint256 grantId => uint256) public originalAmount;
    mapping(uint256 grantId => uint256) public paidByGrant;
    mapping(address account => mapping(address asset => uint256)) public receivedBy;

    uint256 public releases;
    uint256 public cancels;

    constructor(Treasury treasury_, address timelock_, IERC20 token_, address[] memory beneficiaries_) {
        treasury = treasury_;
        timelock = timelock_;
        token = token_;
        receiver = new MaliciousReceiver(treasury_);
        receiver.configure(MaliciousReceiver.Attack.Release, false, 0);
        _beneficiaries = beneficiaries_;
        _beneficiaries.push(address(receiver));
    }

    function beneficiaries() external view returns (address[] memory) {
        return _beneficiaries;
    }

    function _asset(bool eth) internal view returns (address) {
        return eth ? address(0) : address(token);
    }

    function _beneficiary(uint256 seed) internal view returns (address) {
        return _beneficiaries[seed % _beneficiaries.length];
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 0, 60 days));
    }

    /// @notice Anyone sends ETH to the treasury.
    function deposit(uint256 amount) external {
        amount = bound(amount, 1, 1_000 ether);
        vm.deal(address(this), amount);
        (bool ok, ) = address(treasury).call{value: amount}("");
        require(ok, "deposit failed");
        deposited[address(0)] += amount;
    }

    function payout(bool eth, uint256 toSeed, uint256 amount) external {
        address asset = _asset(eth);
        address to = _beneficiary(toSeed);
        // Sometimes more than is available, to check the reservation.
        amount = bound(amount, 1, treasury.available(asset) + 10 ether);
        vm.prank(timelock);
        try treasury.payout(asset, to, amount, "payout") {
            paidOut[asset] += amount;
            receivedBy[to][asset] += amount;
        } catch {}
    }

    function createGrant(
        bool eth,
        uint256 toSeed,
        uint256 amount,
        uint256 startOffset,
        uint32 cliff,
        uint32 duration
    ) external {
        address asset = _asset(eth);
        amount = bound(amount, 1, treasury.available(asset) / 2 + 1);
        duration = uint32(bound(duration, 1, 365 days));
        cliff = uint32(bound(cliff, 0, duration));
        uint40 start = uint40(block.timestamp + bound(startOffset, 0, 30 days));
        address to = _beneficiary(toSeed);
        vm.prank(timelock);
        try treasury.createGrant(to, asset, uint128(amount), start, cliff, duration, "grant") returns (uint256 id) {
            granted[asset] += amount;
            originalAmount[id] = amount;
        } catch {}
    }

    function cancelGrant(uint256 grantSeed) external {
        uint256 count = treasury.grantCount();
        if (count == 0) return;
        uint256 grantId = grantSeed % count;
        Treasury.Grant memory before = treasury.getGrant(grantId);
        vm.prank(timelock);
        try treasury.cancelGrant(grantId, "cancel") {
            ++cancels;
            returnedOnCancel[before.token] += before.amount - treasury.getGrant(grantId).amount;
        } catch {}
    }

    function release(uint256 grantSeed, address caller) external {
        uint256 count = treasury.grantCount();
        if (count == 0) return;
        uint256 grantId = grantSeed % count;
        Treasury.Grant memory grant = treasury.getGrant(grantId);
        // The malicious beneficiary re-enters the grant being released.
        receiver.configure(MaliciousReceiver.Attack.Release, false, grantId);
        vm.prank(caller);
        try treasury.release(grantId) returns (uint256 amount) {
            ++releases;
            released[grant.token] += amount;
            paidByGrant[grantId] += amount;
            receivedBy[grant.beneficiary][grant.token] += amount;
        } catch {}
    }
}
