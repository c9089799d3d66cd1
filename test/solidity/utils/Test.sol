// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Vm, VM_ADDRESS} from "./Vm.sol";

/**
 * @title Test
 * @notice A minimal stand-in for forge-std's `Test`: the cheatcode handle, assertions that revert with a readable
 * message, `bound`, `makeAddr`, and the StdInvariant-style target getters that the invariant runner reads.
 * @dev A failing assertion reverts, which is how EDR (like Foundry) reports a failed test.
 */
abstract contract Test {
    Vm internal constant vm = Vm(VM_ADDRESS);

    // ------------------------------------------------------------------------------------------------------------
    // Assertions
    // ------------------------------------------------------------------------------------------------------------

    function fail(string memory message) internal pure {
        revert(message);
    }

    function assertTrue(bool condition, string memory message) internal pure {
        if (!condition) fail(string.concat("assertTrue failed: ", message));
    }

    function assertFalse(bool condition, string memory message) internal pure {
        if (condition) fail(string.concat("assertFalse failed: ", message));
    }

    function assertEq(uint256 left, uint256 right, string memory message) internal pure {
        if (left != right) {
            fail(string.concat("assertEq failed: ", message, ": ", vm.toString(left), " != ", vm.toString(right)));
        }
    }

    function assertEq(address left, address right, string memory message) internal pure {
        if (left != right) {
            fail(string.concat("assertEq failed: ", message, ": ", vm.toString(left), " != ", vm.toString(right)));
        }
    }

    function assertEq(bytes32 left, bytes32 right, string memory message) internal pure {
        if (left != right) {
            fail(string.concat("assertEq failed: ", message, ": ", vm.toString(left), " != ", vm.toString(right)));
        }
    }

    function assertEq(bool left, bool right, string memory message) internal pure {
        if (left != right) fail(string.concat("assertEq failed: ", message));
    }

    function assertLe(uint256 left, uint256 right, string memory message) internal pure {
        if (left > right) {
            fail(string.concat("assertLe failed: ", message, ": ", vm.toString(left), " > ", vm.toString(right)));
        }
    }

    function assertLt(uint256 left, uint256 right, string memory message) internal pure {
        if (left >= right) {
            fail(string.concat("assertLt failed: ", message, ": ", vm.toString(left), " >= ", vm.toString(right)));
        }
    }

    function assertGe(uint256 left, uint256 right, string memory message) internal pure {
        if (left < right) {
            fail(string.concat("assertGe failed: ", message, ": ", vm.toString(left), " < ", vm.toString(right)));
        }
    }

    function assertGt(uint256 left, uint256 right, string memory message) internal pure {
        if (left <= right) {
            fail(string.concat("assertGt failed: ", message, ": ", vm.toString(left), " <= ", vm.toString(right)));
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Utilities
    // ------------------------------------------------------------------------------------------------------------

    /// @dev Maps `x` into [min, max], keeping in-range values as they are (same contract as forge-std's `bound`).
    function bound(uint256 x, uint256 min, uint256 max) internal pure returns (uint256) {
        require(min <= max, "bound: max < min");
        if (x >= min && x <= max) return x;
        uint256 size = max - min;
        if (size == type(uint256).max) return x;
        return min + (x % (size + 1));
    }

    /// @dev A deterministic address for `name`, labelled in traces.
    function makeAddr(string memory name) internal returns (address account) {
        account = address(uint160(uint256(keccak256(bytes(name)))));
        vm.label(account, name);
    }
}

/**
 * @title StdInvariantLite
 * @notice The part of forge-std's StdInvariant that the invariant runner reads: which contracts and selectors to call,
 * and from which senders. Same getter names and return types as forge-std, so EDR finds them.
 */
abstract contract StdInvariantLite {
    struct FuzzSelector {
        address addr;
        bytes4[] selectors;
    }

    address[] private _targetedContracts;
    address[] private _excludedContracts;
    address[] private _targetedSenders;
    address[] private _excludedSenders;
    FuzzSelector[] private _targetedSelectors;
    FuzzSelector[] private _excludedSelectors;

    function targetContract(address target) internal {
        _targetedContracts.push(target);
    }

    function excludeContract(address target) internal {
        _excludedContracts.push(target);
    }

    function targetSender(address sender) internal {
        _targetedSenders.push(sender);
    }

    function excludeSender(address sender) internal {
        _excludedSenders.push(sender);
    }

    function targetSelector(FuzzSelector memory selector) internal {
        _targetedSelectors.push(selector);
    }

    function excludeSelector(FuzzSelector memory selector) internal {
        _excludedSelectors.push(selector);
    }

    function targetContracts() public view returns (address[] memory) {
        return _targetedContracts;
    }

    function excludeContracts() public view returns (address[] memory) {
        return _excludedContracts;
    }

    function targetSenders() public view returns (address[] memory) {
        return _targetedSenders;
    }

    function excludeSenders() public view returns (address[] memory) {
        return _excludedSenders;
    }

    function targetSelectors() public view returns (FuzzSelector[] memory) {
        return _targetedSelectors;
    }

    function excludeSelectors() public view returns (FuzzSelector[] memory) {
        return _excludedSelectors;
    }
}
