// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @dev The cheatcode address Foundry and Hardhat's EDR listen on: address(uint160(uint256(keccak256("hevm cheat code")))).
address constant VM_ADDRESS = 0x7109709ECfa91a80626fF3989D68f67F5b1DD12D;

/**
 * @title Vm
 * @notice The few cheatcodes these tests use, declared with Foundry's signatures (forge-std is not a dependency of this
 * project). Hardhat 3 runs Solidity tests on EDR, which implements them.
 */
interface Vm {
    function prank(address msgSender) external;

    function startPrank(address msgSender) external;

    function stopPrank() external;

    function warp(uint256 newTimestamp) external;

    function deal(address account, uint256 newBalance) external;

    function expectRevert() external;

    function expectRevert(bytes4 revertData) external;

    function expectRevert(bytes calldata revertData) external;

    function assume(bool condition) external pure;

    function label(address account, string calldata newLabel) external;

    function addr(uint256 privateKey) external pure returns (address keyAddr);

    function sign(uint256 privateKey, bytes32 digest) external pure returns (uint8 v, bytes32 r, bytes32 s);

    function toString(uint256 value) external pure returns (string memory stringifiedValue);

    function toString(address value) external pure returns (string memory stringifiedValue);

    function toString(bytes32 value) external pure returns (string memory stringifiedValue);
}
