// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {GovernanceToken} from "../../../contracts/governance/GovernanceToken.sol";
import {ModelGovernor} from "../../../contracts/governance/ModelGovernor.sol";
import {KillSwitch} from "../../../contracts/safety/KillSwitch.sol";
import {DatasetRegistry} from "../../../contracts/registry/DatasetRegistry.sol";
import {ModelRegistry} from "../../../contracts/registry/ModelRegistry.sol";
import {Treasury} from "../../../contracts/treasury/Treasury.sol";
import {Test} from "./Test.sol";

/**
 * @title DaoFixture
 * @notice Deploys and wires the whole DAO the way the real deployment does.
 * @dev This mirrors ignition/modules/ModelDAO.ts step for step: same contracts, same constructor arguments, same
 * order, same role grants, and the deployer (an EOA, pranked) renouncing the timelock admin at the end. Keep the two in
 * sync; the TypeScript tests (test/ts/deployment.test.ts) check the Ignition module itself, these Solidity tests check
 * the contracts under that wiring. Parameters are the ones test/helpers/dao.ts deploys with.
 */
abstract contract DaoFixture is Test {
    // Parameters (test/helpers/dao.ts TEST_PARAMETERS).
    uint48 internal constant VOTING_DELAY = 60;
    uint32 internal constant VOTING_PERIOD = 600;
    uint256 internal constant PROPOSAL_THRESHOLD = 1_000 ether;
    uint256 internal constant QUORUM_PERCENT = 4;
    uint48 internal constant VOTE_EXTENSION = 120;
    uint256 internal constant TIMELOCK_DELAY = 120;
    uint256 internal constant TREASURY_TOKENS = 200_000 ether;

    uint256 internal constant ALICE_AMOUNT = 400_000 ether;
    uint256 internal constant BOB_AMOUNT = 250_000 ether;
    uint256 internal constant CAROL_AMOUNT = 100_000 ether;
    uint256 internal constant DAVE_AMOUNT = 5_000 ether;

    /// @dev A realistic start time, so that nothing accidentally relies on a near-zero clock.
    uint256 internal constant START_TIME = 1_750_000_000;

    // Timelock roles, as in the Ignition module's TIMELOCK_ROLES.
    bytes32 internal constant ADMIN_ROLE = 0x00;
    bytes32 internal constant PROPOSER_ROLE = keccak256("PROPOSER_ROLE");
    bytes32 internal constant EXECUTOR_ROLE = keccak256("EXECUTOR_ROLE");
    bytes32 internal constant CANCELLER_ROLE = keccak256("CANCELLER_ROLE");

    // Holders have known keys so that they can sign ballots.
    uint256 internal constant ALICE_KEY = 0xA11CE;
    uint256 internal constant BOB_KEY = 0xB0B;
    uint256 internal constant CAROL_KEY = 0xCA201;
    uint256 internal constant DAVE_KEY = 0xDA7E;

    address internal deployer;
    address internal guardian;
    address internal maintainer;
    address internal alice;
    address internal bob;
    address internal carol;
    address internal dave;
    address internal outsider;

    TimelockController internal timelock;
    Treasury internal treasury;
    GovernanceToken internal token;
    ModelGovernor internal governor;
    KillSwitch internal killSwitch;
    DatasetRegistry internal datasets;
    ModelRegistry internal registry;

    function _deployDao() internal {
        vm.warp(START_TIME);
        deployer = makeAddr("deployer");
        guardian = makeAddr("guardian");
        maintainer = makeAddr("maintainer");
        outsider = makeAddr("outsider");
        alice = vm.addr(ALICE_KEY);
        bob = vm.addr(BOB_KEY);
        carol = vm.addr(CAROL_KEY);
        dave = vm.addr(DAVE_KEY);
        vm.label(alice, "alice");
        vm.label(bob, "bob");
        vm.label(carol, "carol");
        vm.label(dave, "dave");

        address[] memory holders = new address[](4);
        holders[0] = alice;
        holders[1] = bob;
        holders[2] = carol;
        holders[3] = dave;
        uint256[] memory amounts = new uint256[](4);
        amounts[0] = ALICE_AMOUNT;
        amounts[1] = BOB_AMOUNT;
        amounts[2] = CAROL_AMOUNT;
        amounts[3] = DAVE_AMOUNT;
        address[] memory maintainers = new address[](1);
        maintainers[0] = maintainer;

        vm.startPrank(deployer);

        // m.contract("TimelockController", [timelockDelay, [], [zeroAddress], deployer])
        address[] memory proposers = new address[](0);
        address[] memory executors = new address[](1);
        executors[0] = address(0);
        timelock = new TimelockController(TIMELOCK_DELAY, proposers, executors, deployer);
        // m.contract("Treasury", [timelock])
        treasury = new Treasury(address(timelock));
        // m.contract("GovernanceToken", [tokenName, tokenSymbol, treasury, treasuryTokens, holders, holderAmounts])
        token = new GovernanceToken("ModelDAO", "MDAO", address(treasury), TREASURY_TOKENS, holders, amounts);
        // m.contract("ModelGovernor", [token, timelock, votingDelay, votingPeriod, threshold, quorum%, extension, guardian])
        governor = new ModelGovernor(
            token,
            timelock,
            VOTING_DELAY,
            VOTING_PERIOD,
            PROPOSAL_THRESHOLD,
            QUORUM_PERCENT,
            VOTE_EXTENSION,
            guardian
        );
        // m.contract("KillSwitch", [timelock, guardian])
        killSwitch = new KillSwitch(address(timelock), guardian);
        // m.contract("DatasetRegistry", [timelock])
        datasets = new DatasetRegistry(address(timelock));
        // m.contract("ModelRegistry", [timelock, datasetRegistry, killSwitch, maintainers])
        registry = new ModelRegistry(address(timelock), datasets, killSwitch, maintainers);

        // GrantProposerToGovernor, GrantCancellerToGovernor, then RenounceDeployerAdmin (after both grants).
        timelock.grantRole(PROPOSER_ROLE, address(governor));
        timelock.grantRole(CANCELLER_ROLE, address(governor));
        timelock.renounceRole(ADMIN_ROLE, deployer);

        vm.stopPrank();

        vm.label(address(timelock), "timelock");
        vm.label(address(treasury), "treasury");
        vm.label(address(token), "token");
        vm.label(address(governor), "governor");
        vm.label(address(killSwitch), "killSwitch");
        vm.label(address(datasets), "datasets");
        vm.label(address(registry), "registry");
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Helpers
    // ----------------------------------------------------------------------------------------------------------------

    /// @dev A short ASCII name right-padded with zeros to 32 bytes, as the registries expect (`mnist-train`).
    function id(string memory name) internal pure returns (bytes32) {
        return bytes32(bytes(name));
    }

    /// @dev A dataset input with valid provenance.
    function datasetInput(bytes32 datasetId) internal pure returns (DatasetRegistry.DatasetInput memory) {
        return
            DatasetRegistry.DatasetInput({
                id: datasetId,
                cid: "bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi",
                manifestDigest: keccak256(abi.encode("manifest", datasetId)),
                cardDigest: keccak256(abi.encode("card", datasetId)),
                license: "CC-BY-4.0",
                source: "https://example.org/datasets",
                creator: "ModelDAO"
            });
    }

    /// @dev Governance (the timelock) approves a dataset. Pranking the timelock stands for an executed proposal.
    function approveDatasetAsTimelock(bytes32 datasetId) internal {
        vm.prank(address(timelock));
        datasets.approveDataset(datasetInput(datasetId));
    }

    /// @dev A valid version input naming one training and one evaluation dataset.
    function versionInput(
        bytes32 modelId,
        uint32 parent,
        bytes32 manifestDigest,
        bytes32 trainingDataset,
        bytes32 evaluationDataset
    ) internal pure returns (ModelRegistry.ModelVersionInput memory input) {
        bytes32[] memory training = new bytes32[](1);
        training[0] = trainingDataset;
        input = ModelRegistry.ModelVersionInput({
            modelId: modelId,
            parentVersion: parent,
            cid: "bafybeihkoviema7g3gxyt6la7vd5ho32ictqbilu3wnlo3rs7ewhnp7lly",
            manifestDigest: manifestDigest,
            cardDigest: keccak256(abi.encode("card", modelId, manifestDigest)),
            trainingDatasets: training,
            evaluationDataset: evaluationDataset,
            claimedAccuracyBps: 9_800,
            claimedMacroF1Bps: 9_750
        });
    }

    /// @dev Every holder delegates to itself, so the distribution is also the voting power.
    function selfDelegateAll() internal {
        address[4] memory holders = [alice, bob, carol, dave];
        for (uint256 i = 0; i < holders.length; ++i) {
            vm.prank(holders[i]);
            token.delegate(holders[i]);
        }
        vm.warp(block.timestamp + 1);
    }

    function singleCall(
        address target,
        bytes memory data
    ) internal pure returns (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) {
        targets = new address[](1);
        targets[0] = target;
        values = new uint256[](1);
        calldatas = new bytes[](1);
        calldatas[0] = data;
    }

    /// @dev Alice proposes one call; returns the proposal id.
    function proposeCall(address target, bytes memory data, string memory description) internal returns (uint256) {
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = singleCall(target, data);
        vm.prank(alice);
        return governor.propose(targets, values, calldatas, description);
    }

    /// @dev Runs one call through the whole of governance: propose, vote (Alice and Bob, For), queue, execute.
    function executeThroughGovernance(address target, bytes memory data, string memory description) internal {
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = singleCall(target, data);
        vm.prank(alice);
        uint256 proposalId = governor.propose(targets, values, calldatas, description);
        vm.warp(governor.proposalSnapshot(proposalId) + 1);
        vm.prank(alice);
        governor.castVote(proposalId, 1);
        vm.prank(bob);
        governor.castVote(proposalId, 1);
        vm.warp(governor.proposalDeadline(proposalId) + 1);
        bytes32 descriptionHash = keccak256(bytes(description));
        governor.queue(targets, values, calldatas, descriptionHash);
        vm.warp(governor.proposalEta(proposalId));
        governor.execute(targets, values, calldatas, descriptionHash);
        assertTrue(governor.state(proposalId) == IGovernor.ProposalState.Executed, "proposal executed");
    }
}
