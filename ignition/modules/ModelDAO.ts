import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { keccak256, toHex, zeroAddress } from "viem";

export const TIMELOCK_ROLES = {
  admin: "0x0000000000000000000000000000000000000000000000000000000000000000",
  proposer: keccak256(toHex("PROPOSER_ROLE")),
  executor: keccak256(toHex("EXECUTOR_ROLE")),
  canceller: keccak256(toHex("CANCELLER_ROLE")),
} as const;

/**
 * Deploys and wires the whole DAO. The same module runs in tests, in `npm start` and on public networks; only the
 * parameters file differs (see ignition/parameters/). After it runs:
 * - the timelock is its own only admin, the Governor its only proposer and canceller, and anyone may execute;
 * - the registry, whitelist, kill switch and treasury are owned by the timelock;
 * - the guardian may pause (KillSwitch) and cancel proposals (Governor proposal guardian), nothing else.
 */
export default buildModule("ModelDAO", (m) => {
  const deployer = m.getAccount(0);

  const tokenName = m.getParameter("tokenName", "ModelDAO");
  const tokenSymbol = m.getParameter("tokenSymbol", "MDAO");
  const holders = m.getParameter<string[]>("holders", []);
  const holderAmounts = m.getParameter<bigint[]>("holderAmounts", []);
  const treasuryTokens = m.getParameter<bigint>("treasuryTokens", 0n);

  // Seconds, on the ERC-6372 timestamp clock.
  const votingDelay = m.getParameter<bigint>("votingDelay", 60n);
  const votingPeriod = m.getParameter<bigint>("votingPeriod", 600n);
  const proposalThreshold = m.getParameter<bigint>("proposalThreshold", 0n);
  const quorumPercent = m.getParameter<bigint>("quorumPercent", 4n);
  const voteExtension = m.getParameter<bigint>("voteExtension", 120n);
  const timelockDelay = m.getParameter<bigint>("timelockDelay", 120n);

  const guardian = m.getParameter("guardian", m.getAccount(1));
  const maintainers = m.getParameter<string[]>("maintainers", []);

  const timelock = m.contract("TimelockController", [timelockDelay, [], [zeroAddress], deployer]);
  const treasury = m.contract("Treasury", [timelock]);
  const token = m.contract("GovernanceToken", [
    tokenName,
    tokenSymbol,
    treasury,
    treasuryTokens,
    holders,
    holderAmounts,
  ]);
  const governor = m.contract("ModelGovernor", [
    token,
    timelock,
    votingDelay,
    votingPeriod,
    proposalThreshold,
    quorumPercent,
    voteExtension,
    guardian,
  ]);

  const killSwitch = m.contract("KillSwitch", [timelock, guardian]);
  const datasetRegistry = m.contract("DatasetRegistry", [timelock]);
  const modelRegistry = m.contract("ModelRegistry", [timelock, datasetRegistry, killSwitch, maintainers]);

  const grantProposer = m.call(timelock, "grantRole", [TIMELOCK_ROLES.proposer, governor], {
    id: "GrantProposerToGovernor",
  });
  const grantCanceller = m.call(timelock, "grantRole", [TIMELOCK_ROLES.canceller, governor], {
    id: "GrantCancellerToGovernor",
  });
  m.call(timelock, "renounceRole", [TIMELOCK_ROLES.admin, deployer], {
    id: "RenounceDeployerAdmin",
    after: [grantProposer, grantCanceller],
  });

  return { token, timelock, governor, treasury, killSwitch, datasetRegistry, modelRegistry };
});
