import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { zeroAddress } from "viem";
import ModelDAOModule, { TIMELOCK_ROLES } from "../../ignition/modules/ModelDAO.js";
import { deployDao, HOLDER_AMOUNTS, TEST_PARAMETERS } from "../helpers/dao.js";

describe("Deployment module: roles and wiring", async () => {
  const connection = await network.create();
  const dao = await deployDao(connection);
  const { timelock, governor, token, treasury, killSwitch, datasetRegistry, modelRegistry } = dao;

  it("gives the timelock no admin but itself", async () => {
    assert.equal(await timelock.read.hasRole([TIMELOCK_ROLES.admin, timelock.address]), true);
    for (const wallet of [dao.deployer, dao.guardian, dao.maintainer, dao.alice]) {
      assert.equal(await timelock.read.hasRole([TIMELOCK_ROLES.admin, wallet.account.address]), false);
    }
    assert.equal(await timelock.read.hasRole([TIMELOCK_ROLES.admin, governor.address]), false);
  });

  it("makes the Governor the only proposer and canceller, and execution open", async () => {
    assert.equal(await timelock.read.hasRole([TIMELOCK_ROLES.proposer, governor.address]), true);
    assert.equal(await timelock.read.hasRole([TIMELOCK_ROLES.canceller, governor.address]), true);
    for (const wallet of [dao.deployer, dao.guardian, dao.maintainer]) {
      assert.equal(await timelock.read.hasRole([TIMELOCK_ROLES.proposer, wallet.account.address]), false);
      assert.equal(await timelock.read.hasRole([TIMELOCK_ROLES.canceller, wallet.account.address]), false);
    }
    assert.equal(await timelock.read.hasRole([TIMELOCK_ROLES.executor, zeroAddress]), true);
    assert.equal(await timelock.read.getMinDelay(), TEST_PARAMETERS.timelockDelay);
  });

  it("hands every governed contract to the timelock", async () => {
    assert.equal((await treasury.read.owner()).toLowerCase(), timelock.address.toLowerCase());
    assert.equal((await killSwitch.read.owner()).toLowerCase(), timelock.address.toLowerCase());
    assert.equal((await datasetRegistry.read.owner()).toLowerCase(), timelock.address.toLowerCase());
    const admin = await modelRegistry.read.DEFAULT_ADMIN_ROLE();
    assert.equal(await modelRegistry.read.hasRole([admin, timelock.address]), true);
    assert.equal(await modelRegistry.read.hasRole([admin, dao.deployer.account.address]), false);
  });

  it("wires the guardian, the maintainers and the token distribution", async () => {
    assert.equal((await killSwitch.read.guardian()).toLowerCase(), dao.guardian.account.address.toLowerCase());
    assert.equal((await governor.read.proposalGuardian()).toLowerCase(), dao.guardian.account.address.toLowerCase());
    const maintainerRole = await modelRegistry.read.MAINTAINER_ROLE();
    assert.equal(await modelRegistry.read.hasRole([maintainerRole, dao.maintainer.account.address]), true);
    assert.equal(await modelRegistry.read.hasRole([maintainerRole, dao.guardian.account.address]), false);
    for (const [i, holder] of dao.holders.entries()) {
      assert.equal(await token.read.balanceOf([holder.account.address]), HOLDER_AMOUNTS[i]);
    }
    assert.equal(await token.read.balanceOf([treasury.address]), TEST_PARAMETERS.treasuryTokens);
    assert.equal((await governor.read.timelock()).toLowerCase(), timelock.address.toLowerCase());
    assert.equal((await governor.read.token()).toLowerCase(), token.address.toLowerCase());
  });
});

function readParameters(network: string) {
  const text = readFileSync(new URL(`../../ignition/parameters/${network}.json`, import.meta.url), "utf8");
  // Ignition's own convention: "123n" is a bigint.
  return JSON.parse(text, (_key, value) =>
    typeof value === "string" && /^\d+n$/.test(value) ? BigInt(value.slice(0, -1)) : value,
  ).ModelDAO;
}

describe("Deployment parameters per network", async () => {
  it("deploys the local stack's parameters file as is, with the whole supply accounted for", async () => {
    const { ignition, viem } = await network.create();
    const parameters = readParameters("localhost");
    const { token, treasury, governor } = await ignition.deploy(ModelDAOModule, {
      parameters: { ModelDAO: parameters },
    });
    const holderTotal = (parameters.holderAmounts as bigint[]).reduce((a, b) => a + b, 0n);
    assert.equal(await token.read.totalSupply(), holderTotal + parameters.treasuryTokens);
    assert.equal(await token.read.balanceOf([treasury.address]), parameters.treasuryTokens);
    assert.equal(await governor.read.votingPeriod(), parameters.votingPeriod);
    assert.equal(parameters.holders.length, 11); // ten holders and the maintainer
    const [, guardian, maintainer] = await viem.getWalletClients();
    assert.equal(parameters.guardian.toLowerCase(), guardian.account.address.toLowerCase());
    assert.equal(parameters.maintainers[0].toLowerCase(), maintainer.account.address.toLowerCase());
  });

  it("uses realistic periods on public networks: 1 day delay, 1 week vote, 2 day timelock", () => {
    const parameters = readParameters("sepolia");
    assert.equal(parameters.votingDelay, 86_400n);
    assert.equal(parameters.votingPeriod, 604_800n);
    assert.equal(parameters.timelockDelay, 172_800n);
    assert.ok(parameters.voteExtension >= 86_400n);
  });
});

describe("GovernanceToken distribution", async () => {
  const { viem } = await network.create();
  const [, , , alice, bob] = await viem.getWalletClients();

  it("mints nothing to the treasury when its share is zero, and exactly the holders' amounts", async () => {
    const token = await viem.deployContract("GovernanceToken", [
      "ModelDAO",
      "MDAO",
      bob.account.address,
      0n,
      [alice.account.address],
      [123n],
    ]);
    assert.equal(await token.read.balanceOf([bob.account.address]), 0n);
    assert.equal(await token.read.totalSupply(), 123n);
  });

  it("reverts GovernanceTokenDistributionLengthMismatch when recipients and amounts differ in length", async () => {
    // A reverting constructor has no contract to decode against: match the error the node reports.
    await assert.rejects(
      viem.deployContract("GovernanceToken", [
        "ModelDAO",
        "MDAO",
        bob.account.address,
        0n,
        [alice.account.address],
        [],
      ]),
      /GovernanceTokenDistributionLengthMismatch\(1, 0\)/,
    );
  });
});
