// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Treasury} from "../../contracts/treasury/Treasury.sol";
import {DaoFixture} from "./utils/DaoFixture.sol";
import {StdInvariantLite} from "./utils/Test.sol";
import {TreasuryHandler} from "./handlers/TreasuryHandler.sol";

/**
 * @notice Treasury invariants under any sequence of payouts, grants, cancellations, releases (by anyone, including a
 * re-entering beneficiary), deposits and time:
 * - balances decrease only through governance payouts and grant releases;
 * - the sum released never exceeds the sum granted (net of cancellations), and no grant pays more than approved;
 * - reserved funds are exactly what grants still owe, and never exceed the balance;
 * - no reentrant double payment.
 */
contract TreasuryInvariantsTest is DaoFixture, StdInvariantLite {
    uint256 internal constant TREASURY_ETH = 10_000 ether;

    TreasuryHandler internal handler;
    address[2] internal assets;

    function setUp() public {
        _deployDao();
        vm.deal(address(treasury), TREASURY_ETH);
        address[] memory beneficiaries = new address[](2);
        beneficiaries[0] = makeAddr("contributor");
        beneficiaries[1] = outsider;
        handler = new TreasuryHandler(treasury, address(timelock), token, beneficiaries);
        assets = [address(0), address(token)];
        targetContract(address(handler));
    }

    function _balance(address asset) internal view returns (uint256) {
        return asset == address(0) ? address(treasury).balance : token.balanceOf(address(treasury));
    }

    function _initial(address asset) internal pure returns (uint256) {
        return asset == address(0) ? TREASURY_ETH : TREASURY_TOKENS;
    }

    function invariant_BalanceDecreasesOnlyThroughPayoutsAndReleases() public view {
        for (uint256 i = 0; i < assets.length; ++i) {
            address asset = assets[i];
            assertEq(
                _balance(asset),
                _initial(asset) + handler.deposited(asset) - handler.paidOut(asset) - handler.released(asset),
                "balance = initial + deposits - payouts - releases"
            );
        }
        address[] memory beneficiaries = handler.beneficiaries();
        for (uint256 j = 0; j < beneficiaries.length; ++j) {
            assertEq(beneficiaries[j].balance, handler.receivedBy(beneficiaries[j], address(0)), "ETH received");
            assertEq(
                token.balanceOf(beneficiaries[j]),
                handler.receivedBy(beneficiaries[j], address(token)),
                "tokens received"
            );
        }
    }

    function invariant_ReleasedNeverExceedsGranted() public view {
        for (uint256 i = 0; i < assets.length; ++i) {
            address asset = assets[i];
            assertLe(
                handler.released(asset),
                handler.granted(asset) - handler.returnedOnCancel(asset),
                "sum released <= sum granted, net of cancellations"
            );
        }
        uint256 count = treasury.grantCount();
        for (uint256 id = 0; id < count; ++id) {
            Treasury.Grant memory grant = treasury.getGrant(id);
            assertEq(grant.released, handler.paidByGrant(id), "released = paid");
            assertLe(grant.released, grant.amount, "grant released <= amount");
            assertLe(grant.amount, handler.originalAmount(id), "amount never grows");
            assertLe(grant.released, treasury.vestedAmount(id, block.timestamp), "released <= vested");
        }
    }

    function invariant_ReservedIsOwedAndBacked() public view {
        uint256[2] memory owed;
        uint256 count = treasury.grantCount();
        for (uint256 id = 0; id < count; ++id) {
            Treasury.Grant memory grant = treasury.getGrant(id);
            owed[grant.token == address(0) ? 0 : 1] += grant.amount - grant.released;
        }
        for (uint256 i = 0; i < assets.length; ++i) {
            uint256 reserved = treasury.reserved(assets[i]);
            assertEq(reserved, owed[i], "reserved = what grants still owe");
            assertLe(reserved, _balance(assets[i]), "reserved <= balance");
            assertEq(treasury.available(assets[i]), _balance(assets[i]) - reserved, "available");
        }
    }

    function invariant_NoReentrantDoublePayment() public view {
        assertEq(handler.receiver().reentrySuccesses(), 0, "a re-entry succeeded");
        assertEq(
            handler.receiver().received(),
            handler.receivedBy(address(handler.receiver()), address(0)),
            "paid once"
        );
    }
}
