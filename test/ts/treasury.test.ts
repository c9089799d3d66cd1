import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import type { NetworkConnection } from "hardhat/types/network";
import { encodeFunctionData, getAddress, parseEther, zeroAddress, type Address } from "viem";
import { passProposal, TEST_PARAMETERS, type Dao } from "../helpers/dao.js";
import { governedDaoFixture } from "../helpers/registry.js";

const ETH = zeroAddress;
const ETH_DEPOSIT = parseEther("10");
/** An amount that does not divide evenly, so the vesting math's rounding shows. */
const GRANT = parseEther("1000") + 7n;
const CLIFF = 200;
const DURATION = 1000;

/** The DAO, the timelock impersonated, and 10 ETH deposited in the treasury by the deployer. */
async function treasuryFixture(connection: NetworkConnection) {
  const fixture = await governedDaoFixture(connection);
  await fixture.dao.deployer.sendTransaction({ to: fixture.dao.treasury.address, value: ETH_DEPOSIT });
  return fixture;
}

describe("Treasury: payouts and vesting grants", async () => {
  const connection = await network.create();
  const { viem, networkHelpers } = connection;
  const { loadFixture, time } = networkHelpers;

  type GrantParams = { beneficiary?: Address; token?: Address; amount?: bigint; start?: number; cliff?: number };

  /** Creates a grant (default: GRANT tokens to the maintainer, starting in 100 s, CLIFF, DURATION) and returns its id and start. */
  async function createGrant(dao: Dao, governance: Address, params: GrantParams = {}) {
    const start = params.start ?? (await time.latest()) + 100;
    const args = [
      params.beneficiary ?? dao.maintainer.account.address,
      params.token ?? dao.token.address,
      params.amount ?? GRANT,
      start,
      params.cliff ?? CLIFF,
      DURATION,
      "model card writing",
    ] as const;
    const { result: grantId } = await dao.treasury.simulate.createGrant(args, { account: governance });
    await dao.treasury.write.createGrant(args, { account: governance });
    return { grantId, start };
  }

  function tokenBalance(dao: Dao, who: Address) {
    return dao.token.read.balanceOf([who]);
  }

  describe("holdings", () => {
    it("accepts ETH from anyone and emits Deposited", async () => {
      const { dao } = await loadFixture(treasuryFixture);
      const tx = dao.outsider.sendTransaction({ to: dao.treasury.address, value: parseEther("1.5") });
      await viem.assertions.emitWithArgs(tx, dao.treasury, "Deposited", [
        getAddress(dao.outsider.account.address),
        parseEther("1.5"),
      ]);
      assert.equal(
        await dao.publicClient.getBalance({ address: dao.treasury.address }),
        ETH_DEPOSIT + parseEther("1.5"),
      );
      assert.equal(await dao.treasury.read.available([ETH]), ETH_DEPOSIT + parseEther("1.5"));
    });

    it("holds the treasury tokens minted by the deployment, all available", async () => {
      const { dao } = await loadFixture(treasuryFixture);
      assert.equal(await tokenBalance(dao, dao.treasury.address), TEST_PARAMETERS.treasuryTokens);
      assert.equal(await dao.treasury.read.available([dao.token.address]), TEST_PARAMETERS.treasuryTokens);
      assert.equal(await dao.treasury.read.reserved([dao.token.address]), 0n);
      assert.equal(await dao.treasury.read.grantCount(), 0n);
    });
  });

  describe("payout", () => {
    it("pays ETH, emitting PaidOut with the memo, and moves exactly the amount", async () => {
      const { dao, governance } = await loadFixture(treasuryFixture);
      const to = dao.outsider.account.address;
      const amount = parseEther("2.25");
      const tx = dao.treasury.write.payout([ETH, to, amount, "GPU hours"], { account: governance });
      await viem.assertions.balancesHaveChanged(tx, [
        { address: dao.treasury.address, amount: -amount },
        { address: to, amount },
      ]);
      await viem.assertions.emitWithArgs(tx, dao.treasury, "PaidOut", [ETH, getAddress(to), amount, "GPU hours"]);
      assert.equal(await dao.treasury.read.available([ETH]), ETH_DEPOSIT - amount);
    });

    it("pays ERC-20 tokens, emitting PaidOut with the memo, and moves exactly the amount", async () => {
      const { dao, governance } = await loadFixture(treasuryFixture);
      const to = dao.outsider.account.address;
      const amount = parseEther("1234.5");
      const tx = dao.treasury.write.payout([dao.token.address, to, amount, "labelling bounty"], {
        account: governance,
      });
      await viem.assertions.emitWithArgs(tx, dao.treasury, "PaidOut", [
        getAddress(dao.token.address),
        getAddress(to),
        amount,
        "labelling bounty",
      ]);
      assert.equal(await tokenBalance(dao, to), amount);
      assert.equal(await tokenBalance(dao, dao.treasury.address), TEST_PARAMETERS.treasuryTokens - amount);
    });

    it("pays the whole available balance, and not one wei more", async () => {
      const { dao, governance } = await loadFixture(treasuryFixture);
      const to = dao.outsider.account.address;
      await viem.assertions.revertWithCustomErrorWithArgs(
        dao.treasury.write.payout([ETH, to, ETH_DEPOSIT + 1n, "too much"], { account: governance }),
        dao.treasury,
        "TreasuryInsufficientAvailable",
        [ETH, ETH_DEPOSIT, ETH_DEPOSIT + 1n],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        dao.treasury.write.payout([dao.token.address, to, TEST_PARAMETERS.treasuryTokens + 1n, "too much"], {
          account: governance,
        }),
        dao.treasury,
        "TreasuryInsufficientAvailable",
        [getAddress(dao.token.address), TEST_PARAMETERS.treasuryTokens, TEST_PARAMETERS.treasuryTokens + 1n],
      );
      await dao.treasury.write.payout([ETH, to, ETH_DEPOSIT, "all of it"], { account: governance });
      assert.equal(await dao.publicClient.getBalance({ address: dao.treasury.address }), 0n);
    });

    it("reverts when anyone but governance pays out", async () => {
      const { dao } = await loadFixture(treasuryFixture);
      for (const wallet of [dao.deployer, dao.guardian, dao.maintainer, dao.alice, dao.outsider]) {
        const account = wallet.account;
        await viem.assertions.revertWithCustomErrorWithArgs(
          dao.treasury.write.payout([ETH, account.address, 1n, "me"], { account }),
          dao.treasury,
          "OwnableUnauthorizedAccount",
          [getAddress(account.address)],
        );
      }
      assert.equal(await dao.publicClient.getBalance({ address: dao.treasury.address }), ETH_DEPOSIT);
    });

    it("reverts on a zero recipient", async () => {
      const { dao, governance } = await loadFixture(treasuryFixture);
      for (const token of [ETH, dao.token.address]) {
        await viem.assertions.revertWithCustomError(
          dao.treasury.write.payout([token, zeroAddress, 1n, "burn"], { account: governance }),
          dao.treasury,
          "TreasuryZeroRecipient",
        );
      }
    });

    it("reverts on a zero amount", async () => {
      const { dao, governance } = await loadFixture(treasuryFixture);
      for (const token of [ETH, dao.token.address]) {
        await viem.assertions.revertWithCustomError(
          dao.treasury.write.payout([token, dao.outsider.account.address, 0n, "nothing"], { account: governance }),
          dao.treasury,
          "TreasuryZeroAmount",
        );
      }
    });

    it("cannot spend tokens reserved for a grant", async () => {
      const { dao, governance } = await loadFixture(treasuryFixture);
      const reservedAmount = parseEther("150000");
      await createGrant(dao, governance, { amount: reservedAmount });
      const free = TEST_PARAMETERS.treasuryTokens - reservedAmount;
      await viem.assertions.revertWithCustomErrorWithArgs(
        dao.treasury.write.payout([dao.token.address, dao.outsider.account.address, free + 1n, "dip in"], {
          account: governance,
        }),
        dao.treasury,
        "TreasuryInsufficientAvailable",
        [getAddress(dao.token.address), free, free + 1n],
      );
      await dao.treasury.write.payout([dao.token.address, dao.outsider.account.address, free, "the rest"], {
        account: governance,
      });
      assert.equal(await dao.treasury.read.available([dao.token.address]), 0n);
      assert.equal(await tokenBalance(dao, dao.treasury.address), reservedAmount);
    });

    it("cannot spend ETH reserved for a grant", async () => {
      const { dao, governance } = await loadFixture(treasuryFixture);
      await createGrant(dao, governance, { token: ETH, amount: parseEther("8") });
      await viem.assertions.revertWithCustomErrorWithArgs(
        dao.treasury.write.payout([ETH, dao.outsider.account.address, parseEther("3"), "dip in"], {
          account: governance,
        }),
        dao.treasury,
        "TreasuryInsufficientAvailable",
        [ETH, parseEther("2"), parseEther("3")],
      );
    });

    it("reverts with FailedCall when the ETH recipient cannot receive it, leaving the balance unchanged", async () => {
      const { dao, governance } = await loadFixture(treasuryFixture);
      // The governance token has no receive or fallback function: the value transfer reverts without data.
      await viem.assertions.revertWithCustomError(
        dao.treasury.write.payout([ETH, dao.token.address, parseEther("1"), "to a contract"], {
          account: governance,
        }),
        dao.treasury,
        "FailedCall",
      );
      assert.equal(await dao.publicClient.getBalance({ address: dao.treasury.address }), ETH_DEPOSIT);
      assert.equal(await dao.publicClient.getBalance({ address: dao.token.address }), 0n);
    });

    it("pays out ETH through a proposal that passes, queues and executes", async () => {
      const { dao } = await loadFixture(treasuryFixture);
      const to = dao.outsider.account.address;
      const before = await dao.publicClient.getBalance({ address: to });
      const data = encodeFunctionData({
        abi: dao.treasury.abi,
        functionName: "payout",
        args: [ETH, to, parseEther("3"), "inference hosting, Q3"],
      });
      await passProposal(dao, [{ target: dao.treasury.address, data }], "Pay for inference hosting");
      assert.equal((await dao.publicClient.getBalance({ address: to })) - before, parseEther("3"));
      assert.equal(await dao.publicClient.getBalance({ address: dao.treasury.address }), ETH_DEPOSIT - parseEther("3"));
    });
  });

  describe("createGrant", () => {
    it("records the grant, reserves its amount and emits GrantCreated", async () => {
      const { dao, governance } = await loadFixture(treasuryFixture);
      const beneficiary = dao.maintainer.account.address;
      const start = (await time.latest()) + 100;
      const args = [beneficiary, dao.token.address, GRANT, start, CLIFF, DURATION, "model card writing"] as const;
      const { result } = await dao.treasury.simulate.createGrant(args, { account: governance });
      assert.equal(result, 0n);
      await viem.assertions.emitWithArgs(
        dao.treasury.write.createGrant(args, { account: governance }),
        dao.treasury,
        "GrantCreated",
        [
          0n,
          getAddress(beneficiary),
          getAddress(dao.token.address),
          GRANT,
          start,
          CLIFF,
          DURATION,
          "model card writing",
        ],
      );
      assert.deepEqual(await dao.treasury.read.getGrant([0n]), {
        beneficiary: getAddress(beneficiary),
        start,
        duration: DURATION,
        canceled: false,
        token: getAddress(dao.token.address),
        cliff: CLIFF,
        amount: GRANT,
        released: 0n,
      });
      assert.equal(await dao.treasury.read.grantCount(), 1n);
      assert.equal(await dao.treasury.read.reserved([dao.token.address]), GRANT);
      assert.equal(await dao.treasury.read.available([dao.token.address]), TEST_PARAMETERS.treasuryTokens - GRANT);
      // The tokens stay in the treasury until released.
      assert.equal(await tokenBalance(dao, dao.treasury.address), TEST_PARAMETERS.treasuryTokens);
      const second = await createGrant(dao, governance);
      assert.equal(second.grantId, 1n);
      assert.equal(await dao.treasury.read.reserved([dao.token.address]), 2n * GRANT);
    });

    it("reverts when anyone but governance creates a grant", async () => {
      const { dao } = await loadFixture(treasuryFixture);
      const account = dao.guardian.account;
      await viem.assertions.revertWithCustomErrorWithArgs(
        dao.treasury.write.createGrant([account.address, ETH, 1n, 0, 0, 1, "me"], { account }),
        dao.treasury,
        "OwnableUnauthorizedAccount",
        [getAddress(account.address)],
      );
    });

    it("reverts on a zero beneficiary or a zero amount", async () => {
      const { dao, governance } = await loadFixture(treasuryFixture);
      await viem.assertions.revertWithCustomError(
        createGrant(dao, governance, { beneficiary: zeroAddress }),
        dao.treasury,
        "TreasuryZeroRecipient",
      );
      await viem.assertions.revertWithCustomError(
        createGrant(dao, governance, { amount: 0n }),
        dao.treasury,
        "TreasuryZeroAmount",
      );
    });

    it("reverts on a zero duration or a cliff longer than the duration, and accepts cliff == duration", async () => {
      const { dao, governance } = await loadFixture(treasuryFixture);
      const beneficiary = dao.maintainer.account.address;
      const start = await time.latest();
      await viem.assertions.revertWithCustomErrorWithArgs(
        dao.treasury.write.createGrant([beneficiary, dao.token.address, GRANT, start, 0, 0, "m"], {
          account: governance,
        }),
        dao.treasury,
        "TreasuryInvalidSchedule",
        [0, 0],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        dao.treasury.write.createGrant([beneficiary, dao.token.address, GRANT, start, 101, 100, "m"], {
          account: governance,
        }),
        dao.treasury,
        "TreasuryInvalidSchedule",
        [101, 100],
      );
      await dao.treasury.write.createGrant([beneficiary, dao.token.address, GRANT, start, 100, 100, "m"], {
        account: governance,
      });
      assert.equal(await dao.treasury.read.grantCount(), 1n);
    });

    it("reverts when the grant exceeds what is not already reserved", async () => {
      const { dao, governance } = await loadFixture(treasuryFixture);
      await createGrant(dao, governance, { amount: parseEther("120000") });
      await viem.assertions.revertWithCustomErrorWithArgs(
        createGrant(dao, governance, { amount: parseEther("80001") }),
        dao.treasury,
        "TreasuryInsufficientAvailable",
        [getAddress(dao.token.address), parseEther("80000"), parseEther("80001")],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        createGrant(dao, governance, { token: ETH, amount: ETH_DEPOSIT + 1n }),
        dao.treasury,
        "TreasuryInsufficientAvailable",
        [ETH, ETH_DEPOSIT, ETH_DEPOSIT + 1n],
      );
    });
  });

  describe("vesting and release", () => {
    it("vests nothing before the cliff: release reverts TreasuryNothingToRelease", async () => {
      const { dao, governance } = await loadFixture(treasuryFixture);
      const { grantId, start } = await createGrant(dao, governance);
      assert.equal(await dao.treasury.read.releasable([grantId]), 0n);
      await time.setNextBlockTimestamp(start + CLIFF - 1); // one second before the cliff
      await viem.assertions.revertWithCustomErrorWithArgs(
        dao.treasury.write.release([grantId], { account: dao.maintainer.account }),
        dao.treasury,
        "TreasuryNothingToRelease",
        [grantId],
      );
      assert.equal(await tokenBalance(dao, dao.maintainer.account.address), 0n);
    });

    it("vests linearly from the start once the cliff is reached, rounding down, capped at the amount", async () => {
      const { dao, governance } = await loadFixture(treasuryFixture);
      const { grantId, start } = await createGrant(dao, governance);
      const vestedAt = (t: number) => dao.treasury.read.vestedAmount([grantId, BigInt(t)]);
      const linear = (elapsed: number) => (GRANT * BigInt(elapsed)) / BigInt(DURATION);
      assert.equal(await vestedAt(0), 0n);
      assert.equal(await vestedAt(start - 1), 0n);
      assert.equal(await vestedAt(start), 0n);
      assert.equal(await vestedAt(start + CLIFF - 1), 0n);
      assert.equal(await vestedAt(start + CLIFF), linear(CLIFF));
      assert.equal(await vestedAt(start + 333), linear(333));
      assert.equal(linear(333) * BigInt(DURATION) < GRANT * 333n, true); // the case really rounds
      assert.equal(await vestedAt(start + DURATION / 2), GRANT / 2n);
      assert.equal(await vestedAt(start + DURATION - 1), linear(DURATION - 1));
      assert.equal(await vestedAt(start + DURATION), GRANT);
      assert.equal(await vestedAt(start + 10 * DURATION), GRANT);
    });

    it("release pays the beneficiary exactly what has vested and emits GrantReleased", async () => {
      const { dao, governance } = await loadFixture(treasuryFixture);
      const { grantId, start } = await createGrant(dao, governance);
      const beneficiary = dao.maintainer.account.address;
      const expected = (GRANT * 400n) / BigInt(DURATION);
      await time.setNextBlockTimestamp(start + 400);
      // Anyone may trigger it; the funds go to the beneficiary.
      await viem.assertions.emitWithArgs(
        dao.treasury.write.release([grantId], { account: dao.outsider.account }),
        dao.treasury,
        "GrantReleased",
        [grantId, getAddress(beneficiary), expected],
      );
      assert.equal(await tokenBalance(dao, beneficiary), expected);
      assert.equal(await tokenBalance(dao, dao.outsider.account.address), 0n);
      assert.equal((await dao.treasury.read.getGrant([grantId])).released, expected);
      assert.equal(await dao.treasury.read.reserved([dao.token.address]), GRANT - expected);
      assert.equal(await dao.treasury.read.available([dao.token.address]), TEST_PARAMETERS.treasuryTokens - GRANT);
    });

    it("a second release pays only what vested since the first", async () => {
      const { dao, governance } = await loadFixture(treasuryFixture);
      const { grantId, start } = await createGrant(dao, governance);
      const beneficiary = dao.maintainer.account.address;
      await time.setNextBlockTimestamp(start + 500);
      await dao.treasury.write.release([grantId], { account: dao.maintainer.account });
      const first = await tokenBalance(dao, beneficiary);
      assert.equal(first, (GRANT * 500n) / BigInt(DURATION));
      await time.setNextBlockTimestamp(start + 501);
      await dao.treasury.write.release([grantId], { account: dao.maintainer.account });
      assert.equal(await tokenBalance(dao, beneficiary), (GRANT * 501n) / BigInt(DURATION));
    });

    it("pays the full amount after the duration, then nothing more, never more than granted", async () => {
      const { dao, governance } = await loadFixture(treasuryFixture);
      const { grantId, start } = await createGrant(dao, governance);
      const beneficiary = dao.maintainer.account.address;
      await time.setNextBlockTimestamp(start + 300);
      await dao.treasury.write.release([grantId], { account: dao.maintainer.account });
      await time.increaseTo(start + DURATION + 5000);
      assert.equal(await dao.treasury.read.releasable([grantId]), GRANT - (GRANT * 300n) / BigInt(DURATION));
      await dao.treasury.write.release([grantId], { account: dao.maintainer.account });
      assert.equal(await tokenBalance(dao, beneficiary), GRANT);
      await viem.assertions.revertWithCustomErrorWithArgs(
        dao.treasury.write.release([grantId], { account: dao.maintainer.account }),
        dao.treasury,
        "TreasuryNothingToRelease",
        [grantId],
      );
      await time.increase(10 * DURATION);
      assert.equal(await dao.treasury.read.releasable([grantId]), 0n);
      assert.equal(await tokenBalance(dao, beneficiary), GRANT);
      assert.equal((await dao.treasury.read.getGrant([grantId])).released, GRANT);
      assert.equal(await dao.treasury.read.reserved([dao.token.address]), 0n);
      assert.equal(await tokenBalance(dao, dao.treasury.address), TEST_PARAMETERS.treasuryTokens - GRANT);
    });

    it("vests and releases ETH grants, paying the beneficiary exactly", async () => {
      const { dao, governance } = await loadFixture(treasuryFixture);
      const amount = parseEther("4");
      const { grantId, start } = await createGrant(dao, governance, { token: ETH, amount });
      assert.equal(await dao.treasury.read.reserved([ETH]), amount);
      assert.equal(await dao.treasury.read.available([ETH]), ETH_DEPOSIT - amount);
      const beneficiary = dao.maintainer.account.address;
      await time.setNextBlockTimestamp(start + 250);
      const expected = (amount * 250n) / BigInt(DURATION);
      const tx = dao.treasury.write.release([grantId], { account: dao.outsider.account });
      await viem.assertions.balancesHaveChanged(tx, [
        { address: beneficiary, amount: expected },
        { address: dao.treasury.address, amount: -expected },
      ]);
      await viem.assertions.emitWithArgs(tx, dao.treasury, "GrantReleased", [
        grantId,
        getAddress(beneficiary),
        expected,
      ]);
      assert.equal(await dao.treasury.read.reserved([ETH]), amount - expected);
    });

    it("an ETH grant to a beneficiary that cannot receive ETH fails to release with FailedCall", async () => {
      const { dao, governance } = await loadFixture(treasuryFixture);
      const amount = parseEther("1");
      const { grantId, start } = await createGrant(dao, governance, {
        token: ETH,
        amount,
        beneficiary: dao.token.address,
      });
      await time.increaseTo(start + DURATION);
      await viem.assertions.revertWithCustomError(
        dao.treasury.write.release([grantId], { account: dao.outsider.account }),
        dao.treasury,
        "FailedCall",
      );
      assert.equal(await dao.treasury.read.reserved([ETH]), amount);
      assert.equal(await dao.publicClient.getBalance({ address: dao.treasury.address }), ETH_DEPOSIT);
    });
  });

  describe("cancelGrant", () => {
    it("returns the unvested part to the available balance and keeps the vested part releasable", async () => {
      const { dao, governance } = await loadFixture(treasuryFixture);
      const { grantId, start } = await createGrant(dao, governance);
      const beneficiary = dao.maintainer.account.address;
      await time.setNextBlockTimestamp(start + 300);
      await dao.treasury.write.release([grantId], { account: dao.maintainer.account });
      const released = (GRANT * 300n) / BigInt(DURATION);

      const vested = (GRANT * 600n) / BigInt(DURATION);
      await time.setNextBlockTimestamp(start + 600);
      await viem.assertions.emitWithArgs(
        dao.treasury.write.cancelGrant([grantId, "contributor left"], { account: governance }),
        dao.treasury,
        "GrantCanceled",
        [grantId, vested, GRANT - vested, "contributor left"],
      );
      const grant = await dao.treasury.read.getGrant([grantId]);
      assert.equal(grant.canceled, true);
      assert.equal(grant.amount, vested);
      assert.equal(await dao.treasury.read.reserved([dao.token.address]), vested - released);
      assert.equal(
        await dao.treasury.read.available([dao.token.address]),
        TEST_PARAMETERS.treasuryTokens - vested, // balance (total − released) minus what is still owed (vested − released)
      );

      // Nothing more vests after the cancellation, however long one waits.
      await time.increaseTo(start + 10 * DURATION);
      assert.equal(await dao.treasury.read.vestedAmount([grantId, BigInt(start + 10 * DURATION)]), vested);
      assert.equal(await dao.treasury.read.releasable([grantId]), vested - released);
      await viem.assertions.emitWithArgs(
        dao.treasury.write.release([grantId], { account: dao.maintainer.account }),
        dao.treasury,
        "GrantReleased",
        [grantId, getAddress(beneficiary), vested - released],
      );
      assert.equal(await tokenBalance(dao, beneficiary), vested);
      assert.equal(await dao.treasury.read.reserved([dao.token.address]), 0n);
      await viem.assertions.revertWithCustomErrorWithArgs(
        dao.treasury.write.release([grantId], { account: dao.maintainer.account }),
        dao.treasury,
        "TreasuryNothingToRelease",
        [grantId],
      );
    });

    it("before the cliff returns everything, and the beneficiary has nothing to release", async () => {
      const { dao, governance } = await loadFixture(treasuryFixture);
      const { grantId } = await createGrant(dao, governance, { token: ETH, amount: parseEther("5") });
      await viem.assertions.emitWithArgs(
        dao.treasury.write.cancelGrant([grantId, "never started"], { account: governance }),
        dao.treasury,
        "GrantCanceled",
        [grantId, 0n, parseEther("5"), "never started"],
      );
      assert.equal(await dao.treasury.read.reserved([ETH]), 0n);
      assert.equal(await dao.treasury.read.available([ETH]), ETH_DEPOSIT);
      await time.increase(10 * DURATION);
      await viem.assertions.revertWithCustomErrorWithArgs(
        dao.treasury.write.release([grantId], { account: dao.maintainer.account }),
        dao.treasury,
        "TreasuryNothingToRelease",
        [grantId],
      );
    });

    it("reverts TreasuryGrantCanceled when canceling twice", async () => {
      const { dao, governance } = await loadFixture(treasuryFixture);
      const { grantId } = await createGrant(dao, governance);
      await dao.treasury.write.cancelGrant([grantId, "first"], { account: governance });
      await viem.assertions.revertWithCustomErrorWithArgs(
        dao.treasury.write.cancelGrant([grantId, "second"], { account: governance }),
        dao.treasury,
        "TreasuryGrantCanceled",
        [grantId],
      );
    });

    it("reverts when anyone but governance cancels, the beneficiary included", async () => {
      const { dao, governance } = await loadFixture(treasuryFixture);
      const { grantId } = await createGrant(dao, governance);
      for (const wallet of [dao.maintainer, dao.guardian, dao.outsider]) {
        await viem.assertions.revertWithCustomErrorWithArgs(
          dao.treasury.write.cancelGrant([grantId, "mine"], { account: wallet.account }),
          dao.treasury,
          "OwnableUnauthorizedAccount",
          [getAddress(wallet.account.address)],
        );
      }
      assert.equal((await dao.treasury.read.getGrant([grantId])).canceled, false);
    });

    it("reverts TreasuryUnknownGrant for a grant that does not exist", async () => {
      const { dao, governance } = await loadFixture(treasuryFixture);
      await createGrant(dao, governance);
      const unknown = 1n;
      await viem.assertions.revertWithCustomErrorWithArgs(
        dao.treasury.write.cancelGrant([unknown, "none"], { account: governance }),
        dao.treasury,
        "TreasuryUnknownGrant",
        [unknown],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        dao.treasury.write.release([unknown], { account: dao.maintainer.account }),
        dao.treasury,
        "TreasuryUnknownGrant",
        [unknown],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        dao.treasury.read.getGrant([unknown]),
        dao.treasury,
        "TreasuryUnknownGrant",
        [unknown],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        dao.treasury.read.vestedAmount([unknown, 0n]),
        dao.treasury,
        "TreasuryUnknownGrant",
        [unknown],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        dao.treasury.read.releasable([unknown]),
        dao.treasury,
        "TreasuryUnknownGrant",
        [unknown],
      );
    });
  });

  describe("through real governance", () => {
    it("creates a token grant by proposal; the beneficiary releases after the cliff", async () => {
      const { dao } = await loadFixture(treasuryFixture);
      const start = (await time.latest()) + 10;
      const data = encodeFunctionData({
        abi: dao.treasury.abi,
        functionName: "createGrant",
        args: [dao.dave.account.address, dao.token.address, GRANT, start, CLIFF, DURATION, "evaluation harness"],
      });
      await passProposal(dao, [{ target: dao.treasury.address, data }], "Grant dave for the evaluation harness");
      assert.equal(await dao.treasury.read.reserved([dao.token.address]), GRANT);
      const before = await tokenBalance(dao, dao.dave.account.address);
      await time.increaseTo(start + DURATION);
      assert.equal(await dao.treasury.read.releasable([0n]), GRANT);
      await dao.treasury.write.release([0n], { account: dao.dave.account });
      assert.equal((await tokenBalance(dao, dao.dave.account.address)) - before, GRANT);
    });
  });
});
