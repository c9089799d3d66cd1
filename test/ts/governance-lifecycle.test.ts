import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { encodeFunctionData, getAddress, parseEther, parseEventLogs, zeroHash, type Hex } from "viem";
import { HOLDER_AMOUNTS, passProposal, TEST_PARAMETERS, type Dao } from "../helpers/dao.js";
import {
  buildProposal,
  cancel,
  CANCELLABLE_STATES,
  deployDelegatedDao,
  endVoting,
  execute,
  logsFrom,
  payoutProposal,
  propose,
  ProposalState,
  queue,
  queued,
  reachEta,
  sameAddress,
  startVoting,
  stateBitmap,
  succeed,
  TIMELOCK_READY,
  timelockSalt,
  timelockOperationId,
  txTimestamp,
  vote,
  Vote,
  type Proposal,
} from "../helpers/governance.js";

const [ALICE_TOKENS, BOB_TOKENS, CAROL_TOKENS, DAVE_TOKENS] = HOLDER_AMOUNTS;
const TOTAL_SUPPLY = HOLDER_AMOUNTS.reduce((a, b) => a + b, 0n) + TEST_PARAMETERS.treasuryTokens;
const QUORUM = (TOTAL_SUPPLY * TEST_PARAMETERS.quorumPercent) / 100n;

/** Anyone calls the timelock's executeBatch directly with the operation GovernorTimelockControl scheduled. */
function executeOnTimelock(dao: Dao, p: Proposal) {
  return dao.timelock.write.executeBatch([p.targets, p.values, p.calldatas, zeroHash, timelockSalt(dao, p)], {
    account: dao.outsider.account,
  });
}

describe("Governor: queue and execute through the timelock", async () => {
  const connection = await network.create();
  const { viem, networkHelpers } = connection;
  const wallets = await connection.viem.getWalletClients();
  const fresh = wallets[8];

  it("queues a Succeeded proposal on the timelock with eta = now + timelock delay", async () => {
    const dao = await networkHelpers.loadFixture(deployDelegatedDao);
    const p = payoutProposal(dao, "Queue me");
    await succeed(dao, p);
    assert.equal(await dao.governor.read.state([p.id]), ProposalState.Succeeded);

    const hash = await queue(dao, p, dao.outsider);
    const eta = (await txTimestamp(dao, hash)) + TEST_PARAMETERS.timelockDelay;
    await viem.assertions.emitWithArgs(hash, dao.governor, "ProposalQueued", [p.id, eta]);
    assert.equal(await dao.governor.read.proposalEta([p.id]), eta);
    assert.equal(await dao.governor.read.state([p.id]), ProposalState.Queued);
    const operation = await timelockOperationId(dao, p);
    assert.equal(await dao.timelock.read.isOperationPending([operation]), true);
    assert.equal(await dao.timelock.read.getTimestamp([operation]), eta);

    await viem.assertions.revertWithCustomErrorWithArgs(
      queue(dao, p),
      dao.governor,
      "GovernorUnexpectedProposalState",
      [p.id, ProposalState.Queued, stateBitmap(ProposalState.Succeeded)],
    );
  });

  it("refuses to execute a Succeeded proposal that was not queued", async () => {
    const dao = await networkHelpers.loadFixture(deployDelegatedDao);
    const p = payoutProposal(dao, "Skip the queue");
    await succeed(dao, p);
    await viem.assertions.revertWithCustomErrorWithArgs(
      execute(dao, p),
      dao.governor,
      "GovernorUnexpectedProposalState",
      [p.id, ProposalState.Succeeded, stateBitmap(ProposalState.Queued)],
    );
  });

  it("refuses to execute before the eta with the timelock's TimelockUnexpectedOperationState", async () => {
    const dao = await networkHelpers.loadFixture(deployDelegatedDao);
    const p = payoutProposal(dao, "Too soon");
    await queued(dao, p);
    const operation = await timelockOperationId(dao, p);
    await viem.assertions.revertWithCustomErrorWithArgs(
      execute(dao, p),
      dao.timelock,
      "TimelockUnexpectedOperationState",
      [operation, TIMELOCK_READY],
    );
    assert.equal(await dao.governor.read.state([p.id]), ProposalState.Queued);
  });

  it("executes after the eta for anyone: runs the calls, emits ProposalExecuted, and is final", async () => {
    const dao = await networkHelpers.loadFixture(deployDelegatedDao);
    const amount = parseEther("25");
    const p = payoutProposal(dao, "Pay 25 MDAO", amount);
    await queued(dao, p);
    await reachEta(dao, p.id);
    const before = await dao.token.read.balanceOf([dao.outsider.account.address]);

    const hash = await execute(dao, p, dao.outsider);
    await viem.assertions.emitWithArgs(hash, dao.governor, "ProposalExecuted", [p.id]);
    await viem.assertions.emitWithArgs(hash, dao.treasury, "PaidOut", [
      dao.token.address,
      dao.outsider.account.address,
      amount,
      p.description,
    ]);
    assert.equal((await dao.token.read.balanceOf([dao.outsider.account.address])) - before, amount);
    assert.equal(await dao.governor.read.state([p.id]), ProposalState.Executed);
    assert.equal(await dao.timelock.read.isOperationDone([await timelockOperationId(dao, p)]), true);

    await viem.assertions.revertWithCustomErrorWithArgs(
      execute(dao, p),
      dao.governor,
      "GovernorUnexpectedProposalState",
      [p.id, ProposalState.Executed, stateBitmap(ProposalState.Queued)],
    );
  });

  it("defeats a proposal with more Against than For votes, and it cannot be queued", async () => {
    const dao = await networkHelpers.loadFixture(deployDelegatedDao);
    const p = payoutProposal(dao, "Rejected by alice");
    await propose(dao, p);
    await startVoting(dao, p.id);
    await vote(dao, p.id, Vote.Against, dao.alice);
    await vote(dao, p.id, Vote.For, dao.bob);
    await endVoting(dao, p.id);
    assert.deepEqual(await dao.governor.read.proposalVotes([p.id]), [ALICE_TOKENS, BOB_TOKENS, 0n]);
    assert.equal(await dao.governor.read.state([p.id]), ProposalState.Defeated);
    await viem.assertions.revertWithCustomErrorWithArgs(
      queue(dao, p),
      dao.governor,
      "GovernorUnexpectedProposalState",
      [p.id, ProposalState.Defeated, stateBitmap(ProposalState.Succeeded)],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      execute(dao, p),
      dao.governor,
      "GovernorUnexpectedProposalState",
      [p.id, ProposalState.Defeated, stateBitmap(ProposalState.Queued)],
    );
  });

  it("defeats a proposal that only has For votes but misses the 4% quorum", async () => {
    const dao = await networkHelpers.loadFixture(deployDelegatedDao);
    const p = payoutProposal(dao, "Nobody cares");
    await propose(dao, p, dao.dave);
    await startVoting(dao, p.id);
    const snapshot = await dao.governor.read.proposalSnapshot([p.id]);
    assert.equal(await dao.governor.read.quorum([snapshot]), QUORUM);
    assert.ok(DAVE_TOKENS < QUORUM);
    await vote(dao, p.id, Vote.For, dao.dave);
    await endVoting(dao, p.id);
    assert.equal(await dao.governor.read.state([p.id]), ProposalState.Defeated);
    await viem.assertions.revertWithCustomErrorWithArgs(
      queue(dao, p, dao.dave),
      dao.governor,
      "GovernorUnexpectedProposalState",
      [p.id, ProposalState.Defeated, stateBitmap(ProposalState.Succeeded)],
    );
  });

  it("counts Abstain toward quorum: a small For majority with enough abstentions Succeeds", async () => {
    const dao = await networkHelpers.loadFixture(deployDelegatedDao);
    const p = payoutProposal(dao, "Quiet approval");
    await propose(dao, p);
    await startVoting(dao, p.id);
    await vote(dao, p.id, Vote.Abstain, dao.carol);
    await vote(dao, p.id, Vote.For, dao.dave);
    await endVoting(dao, p.id);
    assert.ok(DAVE_TOKENS + CAROL_TOKENS >= QUORUM);
    assert.equal(await dao.governor.read.state([p.id]), ProposalState.Succeeded);
  });

  it("defeats a tie between For and Against", async () => {
    const dao = await networkHelpers.loadFixture(deployDelegatedDao);
    await dao.token.write.delegate([fresh.account.address], { account: fresh.account });
    await dao.token.write.transfer([fresh.account.address, DAVE_TOKENS], { account: dao.alice.account });
    const p = payoutProposal(dao, "Split decision");
    await propose(dao, p);
    await startVoting(dao, p.id);
    await vote(dao, p.id, Vote.Abstain, dao.carol);
    await vote(dao, p.id, Vote.For, dao.dave);
    await vote(dao, p.id, Vote.Against, fresh);
    await endVoting(dao, p.id);
    assert.deepEqual(await dao.governor.read.proposalVotes([p.id]), [DAVE_TOKENS, DAVE_TOKENS, CAROL_TOKENS]);
    assert.equal(await dao.governor.read.state([p.id]), ProposalState.Defeated);
  });

  it("lets anyone execute the queued batch directly on the timelock, which skips ProposalExecuted", async () => {
    // The module makes execution open (EXECUTOR_ROLE for address(0)): this documents what that means for indexers.
    const dao = await networkHelpers.loadFixture(deployDelegatedDao);
    const p = payoutProposal(dao, "Executed behind the Governor's back");
    await queued(dao, p);
    await reachEta(dao, p.id);
    const hash = await executeOnTimelock(dao, p);
    await viem.assertions.emit(hash, dao.timelock, "CallExecuted");
    const governorLogs = parseEventLogs({
      abi: dao.governor.abi,
      logs: await logsFrom(dao, hash, dao.governor.address),
    });
    assert.equal(governorLogs.length, 0);
    assert.equal(await dao.governor.read.state([p.id]), ProposalState.Executed);
    await viem.assertions.revertWithCustomErrorWithArgs(
      execute(dao, p),
      dao.governor,
      "GovernorUnexpectedProposalState",
      [p.id, ProposalState.Executed, stateBitmap(ProposalState.Queued)],
    );
  });
});

describe("Governor: cancelling proposals", async () => {
  const connection = await network.create();
  const { viem, networkHelpers } = connection;

  it("lets the proposer cancel while Pending; a Canceled proposal cannot be voted on or re-proposed", async () => {
    const dao = await networkHelpers.loadFixture(deployDelegatedDao);
    const p = payoutProposal(dao, "Changed my mind");
    await propose(dao, p);
    await viem.assertions.emitWithArgs(cancel(dao, p, dao.alice), dao.governor, "ProposalCanceled", [p.id]);
    assert.equal(await dao.governor.read.state([p.id]), ProposalState.Canceled);
    await startVoting(dao, p.id);
    assert.equal(await dao.governor.read.state([p.id]), ProposalState.Canceled);
    await viem.assertions.revertWithCustomErrorWithArgs(
      vote(dao, p.id, Vote.For, dao.bob),
      dao.governor,
      "GovernorUnexpectedProposalState",
      [p.id, ProposalState.Canceled, stateBitmap(ProposalState.Active)],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      propose(dao, p),
      dao.governor,
      "GovernorUnexpectedProposalState",
      [p.id, ProposalState.Canceled, zeroHash],
    );
  });

  it("does not let the proposer cancel once the vote is Active", async () => {
    const dao = await networkHelpers.loadFixture(deployDelegatedDao);
    const p = payoutProposal(dao, "Too late to withdraw");
    await propose(dao, p);
    await startVoting(dao, p.id);
    await viem.assertions.revertWithCustomErrorWithArgs(
      cancel(dao, p, dao.alice),
      dao.governor,
      "GovernorUnableToCancel",
      [p.id, dao.alice.account.address],
    );
    assert.equal(await dao.governor.read.state([p.id]), ProposalState.Active);
  });

  it("does not let other holders or outsiders cancel someone else's proposal", async () => {
    const dao = await networkHelpers.loadFixture(deployDelegatedDao);
    const p = payoutProposal(dao, "Not yours to cancel");
    await propose(dao, p);
    for (const caller of [dao.bob, dao.outsider, dao.deployer, dao.maintainer]) {
      await viem.assertions.revertWithCustomErrorWithArgs(
        cancel(dao, p, caller),
        dao.governor,
        "GovernorUnableToCancel",
        [p.id, caller.account.address],
      );
    }
    await startVoting(dao, p.id);
    await viem.assertions.revertWithCustomErrorWithArgs(
      cancel(dao, p, dao.outsider),
      dao.governor,
      "GovernorUnableToCancel",
      [p.id, dao.outsider.account.address],
    );
    assert.equal(await dao.governor.read.state([p.id]), ProposalState.Active);
  });

  it("lets the guardian cancel an Active proposal", async () => {
    const dao = await networkHelpers.loadFixture(deployDelegatedDao);
    const p = payoutProposal(dao, "Guardian stops the vote");
    await propose(dao, p);
    await startVoting(dao, p.id);
    await vote(dao, p.id, Vote.For, dao.alice);
    await viem.assertions.emitWithArgs(cancel(dao, p, dao.guardian), dao.governor, "ProposalCanceled", [p.id]);
    assert.equal(await dao.governor.read.state([p.id]), ProposalState.Canceled);
    await endVoting(dao, p.id);
    assert.equal(await dao.governor.read.state([p.id]), ProposalState.Canceled);
  });

  it("lets the guardian cancel a Queued proposal, which cancels the timelock operation too", async () => {
    const dao = await networkHelpers.loadFixture(deployDelegatedDao);
    const p = payoutProposal(dao, "Guardian stops the payout");
    await queued(dao, p);
    const operation = await timelockOperationId(dao, p);
    assert.equal(await dao.timelock.read.isOperationPending([operation]), true);

    const hash = await cancel(dao, p, dao.guardian);
    await viem.assertions.emitWithArgs(hash, dao.governor, "ProposalCanceled", [p.id]);
    await viem.assertions.emitWithArgs(hash, dao.timelock, "Cancelled", [operation]);
    assert.equal(await dao.governor.read.state([p.id]), ProposalState.Canceled);
    assert.equal(await dao.timelock.read.isOperation([operation]), false);

    await networkHelpers.time.increase(TEST_PARAMETERS.timelockDelay + 1n);
    await viem.assertions.revertWithCustomErrorWithArgs(
      execute(dao, p),
      dao.governor,
      "GovernorUnexpectedProposalState",
      [p.id, ProposalState.Canceled, stateBitmap(ProposalState.Queued)],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      executeOnTimelock(dao, p),
      dao.timelock,
      "TimelockUnexpectedOperationState",
      [operation, TIMELOCK_READY],
    );
  });

  it("lets the guardian cancel a Succeeded proposal before it is queued", async () => {
    const dao = await networkHelpers.loadFixture(deployDelegatedDao);
    const p = payoutProposal(dao, "Guardian vetoes after the vote");
    await succeed(dao, p);
    await cancel(dao, p, dao.guardian);
    assert.equal(await dao.governor.read.state([p.id]), ProposalState.Canceled);
    await viem.assertions.revertWithCustomErrorWithArgs(
      queue(dao, p),
      dao.governor,
      "GovernorUnexpectedProposalState",
      [p.id, ProposalState.Canceled, stateBitmap(ProposalState.Succeeded)],
    );
  });

  it("lets nobody cancel an Executed proposal, and nobody cancel a Canceled one again", async () => {
    const dao = await networkHelpers.loadFixture(deployDelegatedDao);
    const done = payoutProposal(dao, "Already paid");
    await queued(dao, done);
    await reachEta(dao, done.id);
    await execute(dao, done);
    await viem.assertions.revertWithCustomErrorWithArgs(
      cancel(dao, done, dao.guardian),
      dao.governor,
      "GovernorUnexpectedProposalState",
      [done.id, ProposalState.Executed, CANCELLABLE_STATES],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      cancel(dao, done, dao.alice),
      dao.governor,
      "GovernorUnableToCancel",
      [done.id, dao.alice.account.address],
    );
    assert.equal(await dao.governor.read.state([done.id]), ProposalState.Executed);

    const dropped = payoutProposal(dao, "Dropped");
    await propose(dao, dropped);
    await cancel(dao, dropped, dao.guardian);
    await viem.assertions.revertWithCustomErrorWithArgs(
      cancel(dao, dropped, dao.guardian),
      dao.governor,
      "GovernorUnexpectedProposalState",
      [dropped.id, ProposalState.Canceled, CANCELLABLE_STATES],
    );
    // The proposer's right to cancel ends with Pending, so they are refused before the state check.
    await viem.assertions.revertWithCustomErrorWithArgs(
      cancel(dao, dropped, dao.alice),
      dao.governor,
      "GovernorUnableToCancel",
      [dropped.id, dao.alice.account.address],
    );
    assert.equal(await dao.governor.read.state([dropped.id]), ProposalState.Canceled);
  });
});

describe("Governor: late-quorum prevention", async () => {
  const connection = await network.create();
  const { viem, networkHelpers } = connection;

  it("extends the deadline to now + voteExtension when quorum is first reached in the last seconds", async () => {
    const dao = await networkHelpers.loadFixture(deployDelegatedDao);
    const p = payoutProposal(dao, "Last-minute quorum");
    await propose(dao, p);
    const originalDeadline = await dao.governor.read.proposalDeadline([p.id]);
    await networkHelpers.time.increaseTo(originalDeadline - 10n);

    const hash = await vote(dao, p.id, Vote.For, dao.carol);
    const reachedAt = await txTimestamp(dao, hash);
    const extended = reachedAt + TEST_PARAMETERS.voteExtension;
    assert.ok(extended > originalDeadline);
    await viem.assertions.emitWithArgs(hash, dao.governor, "ProposalExtended", [p.id, extended]);
    assert.equal(await dao.governor.read.proposalDeadline([p.id]), extended);

    // Past the original deadline the vote is still open, and a later vote does not extend it again.
    await networkHelpers.time.increaseTo(originalDeadline + 1n);
    assert.equal(await dao.governor.read.state([p.id]), ProposalState.Active);
    const late = await vote(dao, p.id, Vote.Against, dao.dave);
    assert.equal(
      parseEventLogs({
        abi: dao.governor.abi,
        eventName: "ProposalExtended",
        logs: await logsFrom(dao, late, dao.governor.address),
      }).length,
      0,
    );
    assert.equal(await dao.governor.read.proposalDeadline([p.id]), extended);

    await networkHelpers.time.increaseTo(extended - 1n);
    assert.equal(await dao.governor.read.state([p.id]), ProposalState.Active);
    await networkHelpers.time.increaseTo(extended + 1n);
    assert.equal(await dao.governor.read.state([p.id]), ProposalState.Succeeded);
  });

  it("keeps the deadline when quorum is reached early in the vote", async () => {
    const dao = await networkHelpers.loadFixture(deployDelegatedDao);
    const p = payoutProposal(dao, "Early quorum");
    await propose(dao, p);
    const deadline = await dao.governor.read.proposalDeadline([p.id]);
    await startVoting(dao, p.id);
    const hash = await vote(dao, p.id, Vote.For, dao.bob);
    const extended = parseEventLogs({
      abi: dao.governor.abi,
      eventName: "ProposalExtended",
      logs: await logsFrom(dao, hash, dao.governor.address),
    });
    assert.equal(extended.length, 0);
    assert.equal(await dao.governor.read.proposalDeadline([p.id]), deadline);
  });

  it("does not extend for a late vote that leaves the proposal below quorum", async () => {
    const dao = await networkHelpers.loadFixture(deployDelegatedDao);
    const p = payoutProposal(dao, "Late but small");
    await propose(dao, p, dao.dave);
    const deadline = await dao.governor.read.proposalDeadline([p.id]);
    await networkHelpers.time.increaseTo(deadline - 10n);
    await vote(dao, p.id, Vote.For, dao.dave);
    assert.equal(await dao.governor.read.proposalDeadline([p.id]), deadline);
    await endVoting(dao, p.id);
    assert.equal(await dao.governor.read.state([p.id]), ProposalState.Defeated);
  });
});

describe("Governor: settings only change through governance", async () => {
  const connection = await network.create();
  const { viem, networkHelpers } = connection;
  const wallets = await connection.viem.getWalletClients();
  const fresh = wallets[8];

  it("rejects direct calls to the settings functions with GovernorOnlyExecutor, even from the guardian", async () => {
    const dao = await networkHelpers.loadFixture(deployDelegatedDao);
    const { governor } = dao;
    for (const caller of [dao.alice, dao.guardian, dao.deployer]) {
      const account = caller.account;
      const calls = [
        () => governor.write.setVotingDelay([1], { account }),
        () => governor.write.setVotingPeriod([1], { account }),
        () => governor.write.setProposalThreshold([0n], { account }),
        () => governor.write.updateQuorumNumerator([1n], { account }),
        () => governor.write.setProposalGuardian([account.address], { account }),
        () => governor.write.setLateQuorumVoteExtension([0], { account }),
        () => governor.write.updateTimelock([account.address], { account }),
        () => governor.write.relay([dao.token.address, 0n, "0x"], { account }),
      ];
      for (const call of calls) {
        await viem.assertions.revertWithCustomErrorWithArgs(call(), governor, "GovernorOnlyExecutor", [
          account.address,
        ]);
      }
    }
    assert.equal(await governor.read.votingDelay(), TEST_PARAMETERS.votingDelay);
    assert.equal(await governor.read.quorumNumerator(), TEST_PARAMETERS.quorumPercent);
    assert.ok(sameAddress(await governor.read.proposalGuardian(), dao.guardian.account.address));
  });

  it("changes every setting through a passed proposal, and the new values take effect", async () => {
    const dao = await networkHelpers.loadFixture(deployDelegatedDao);
    const { governor } = dao;
    const abi = governor.abi;
    const call = (data: Hex) => ({ target: governor.address, data });
    const newGuardian = dao.outsider.account.address;
    const before = BigInt(await networkHelpers.time.latest());
    await passProposal(
      dao,
      [
        call(encodeFunctionData({ abi, functionName: "setVotingDelay", args: [30] })),
        call(encodeFunctionData({ abi, functionName: "setVotingPeriod", args: [900] })),
        call(encodeFunctionData({ abi, functionName: "setProposalThreshold", args: [parseEther("2000")] })),
        call(encodeFunctionData({ abi, functionName: "updateQuorumNumerator", args: [10n] })),
        call(encodeFunctionData({ abi, functionName: "setLateQuorumVoteExtension", args: [60] })),
        call(encodeFunctionData({ abi, functionName: "setProposalGuardian", args: [newGuardian] })),
      ],
      "Retune governance",
    );
    assert.equal(await governor.read.votingDelay(), 30n);
    assert.equal(await governor.read.votingPeriod(), 900n);
    assert.equal(await governor.read.proposalThreshold(), parseEther("2000"));
    assert.equal(await governor.read.quorumNumerator(), 10n);
    assert.equal(await governor.read.quorumNumerator([before]), TEST_PARAMETERS.quorumPercent);
    assert.equal(await governor.read.lateQuorumVoteExtension(), 60);
    assert.equal(getAddress(await governor.read.proposalGuardian()), getAddress(newGuardian));

    // The new delay and period shape the next proposal; the new guardian can cancel it, the old one cannot.
    const p = payoutProposal(dao, "After the retune");
    const proposedAt = await txTimestamp(dao, await propose(dao, p));
    assert.equal(await governor.read.proposalSnapshot([p.id]), proposedAt + 30n);
    assert.equal(await governor.read.proposalDeadline([p.id]), proposedAt + 30n + 900n);
    await viem.assertions.revertWithCustomErrorWithArgs(
      cancel(dao, p, dao.guardian),
      governor,
      "GovernorUnableToCancel",
      [p.id, dao.guardian.account.address],
    );
    await viem.assertions.emitWithArgs(cancel(dao, p, dao.outsider), governor, "ProposalCanceled", [p.id]);
    // The raised threshold keeps out an account holding 1,500 MDAO, which the old threshold let in.
    await dao.token.write.delegate([fresh.account.address], { account: fresh.account });
    await dao.token.write.transfer([fresh.account.address, parseEther("1500")], { account: dao.alice.account });
    await viem.assertions.revertWithCustomErrorWithArgs(
      propose(dao, payoutProposal(dao, "Below the new threshold"), fresh),
      governor,
      "GovernorInsufficientProposerVotes",
      [fresh.account.address, parseEther("1500"), parseEther("2000")],
    );
  });

  it("reverts the execution of a passed proposal that sets an invalid value", async () => {
    const dao = await networkHelpers.loadFixture(deployDelegatedDao);
    const p = buildProposal(
      [
        {
          target: dao.governor.address,
          data: encodeFunctionData({ abi: dao.governor.abi, functionName: "updateQuorumNumerator", args: [101n] }),
        },
      ],
      "Impossible quorum",
    );
    await queued(dao, p);
    await reachEta(dao, p.id);
    await viem.assertions.revertWithCustomErrorWithArgs(
      execute(dao, p),
      dao.governor,
      "GovernorInvalidQuorumFraction",
      [101n, 100n],
    );
    assert.equal(await dao.governor.read.state([p.id]), ProposalState.Queued);
    assert.equal(await dao.governor.read.quorumNumerator(), TEST_PARAMETERS.quorumPercent);
  });
});
