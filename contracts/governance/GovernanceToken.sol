// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";

/**
 * @title GovernanceToken
 * @notice The ModelDAO voting token: a fixed-supply ERC-20 with EIP-2612 permits and ERC-5805 vote delegation.
 * @dev The clock is the block timestamp (ERC-6372 `mode=timestamp`), the same clock the {ModelGovernor} reads, so
 * voting delays and periods are expressed in seconds on every chain. The whole supply is minted at deployment to the
 * treasury and the holders named by the deployment parameters; there is no mint function afterwards.
 */
contract GovernanceToken is ERC20, ERC20Permit, ERC20Votes {
    /// @notice The recipients and amounts given to the constructor have different lengths.
    error GovernanceTokenDistributionLengthMismatch(uint256 recipients, uint256 amounts);

    /**
     * @param name_ ERC-20 name, also the EIP-712 domain name used by permits and delegation signatures.
     * @param symbol_ ERC-20 symbol.
     * @param treasury The DAO treasury, which receives `treasurySupply` (undelegated: treasury tokens never vote).
     * @param treasurySupply Amount minted to the treasury.
     * @param recipients Addresses receiving the rest of the initial supply.
     * @param amounts Amount minted to each recipient, in the token's smallest unit.
     */
    constructor(
        string memory name_,
        string memory symbol_,
        address treasury,
        uint256 treasurySupply,
        address[] memory recipients,
        uint256[] memory amounts
    ) ERC20(name_, symbol_) ERC20Permit(name_) {
        if (treasurySupply > 0) _mint(treasury, treasurySupply);
        if (recipients.length != amounts.length) {
            revert GovernanceTokenDistributionLengthMismatch(recipients.length, amounts.length);
        }
        for (uint256 i = 0; i < recipients.length; ++i) {
            _mint(recipients[i], amounts[i]);
        }
    }

    /// @notice The current timepoint of the vote-tracking clock: the block timestamp.
    function clock() public view override returns (uint48) {
        return uint48(block.timestamp);
    }

    /// @notice Describes the clock, per ERC-6372.
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }

    /// @inheritdoc ERC20Permit
    function nonces(address owner) public view override(ERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }

    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        super._update(from, to, value);
    }
}
