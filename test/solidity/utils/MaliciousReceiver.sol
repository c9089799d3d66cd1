// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {Treasury} from "../../../contracts/treasury/Treasury.sol";

/**
 * @title MaliciousReceiver
 * @notice A payee that re-enters the treasury when it receives ETH, to try to get paid twice: it calls
 * `release` again, `payout` directly, or runs another ready timelock operation that pays out (execution is open).
 * @dev In `bubble` mode a failed re-entry reverts the whole receipt (so the outer payment reverts too); otherwise the
 * failure is swallowed and recorded, and the outer payment goes through once.
 */
contract MaliciousReceiver {
    enum Attack {
        None,
        Release,
        Payout,
        TimelockExecute
    }

    Treasury public immutable treasury;

    Attack public attack;
    bool public bubble;
    uint256 public grantId;
    // For Attack.TimelockExecute: the single operation to run.
    TimelockController public timelock;
    address public opTarget;
    bytes public opData;
    bytes32 public opSalt;

    uint256 public received;
    uint256 public receipts;
    uint256 public reentryAttempts;
    uint256 public reentrySuccesses;
    bytes public lastReentryError;

    constructor(Treasury treasury_) {
        treasury = treasury_;
    }

    function configure(Attack attack_, bool bubble_, uint256 grantId_) external {
        attack = attack_;
        bubble = bubble_;
        grantId = grantId_;
    }

    function configureTimelockOperation(
        TimelockController timelock_,
        address target,
        bytes calldata data,
        bytes32 salt
    ) external {
        timelock = timelock_;
        opTarget = target;
        opData = data;
        opSalt = salt;
    }

    receive() external payable {
        received += msg.value;
        ++receipts;
        if (attack == Attack.None) return;
        ++reentryAttempts;
        bool ok;
        bytes memory err;
        if (attack == Attack.Release) {
            (ok, err) = address(treasury).call(abi.encodeCall(Treasury.release, (grantId)));
        } else if (attack == Attack.Payout) {
            (ok, err) = address(treasury).call(
                abi.encodeCall(Treasury.payout, (address(0), address(this), msg.value, "again"))
            );
        } else {
            (ok, err) = address(timelock).call(
                abi.encodeCall(TimelockController.execute, (opTarget, 0, opData, bytes32(0), opSalt))
            );
        }
        if (ok) {
            ++reentrySuccesses;
        } else {
            lastReentryError = err;
            if (bubble) {
                assembly ("memory-safe") {
                    revert(add(err, 0x20), mload(err))
                }
            }
        }
    }
}
