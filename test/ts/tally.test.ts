import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { toEventSelector, toEventSignature, toFunctionSignature, type Abi, type Hash } from "viem";
import type { Dao } from "../helpers/dao.js";
import {
  cancel,
  deployDelegatedDao,
  endVoting,
  execute,
  logsFrom,
  payoutProposal,
  propose,
  ProposalState,
  queue,
  reachEta,
  startVoting,
  vote,
  Vote,
} from "../helpers/governance.js";

/** An event Tally indexes: its canonical signature (topic 0) and which parameters are indexed topics. */
type ExpectedEvent = { signature: string; indexed: number[] };
/** A function Tally calls: canonical signature, output types, and whether it is a read (view/pure) or a write. */
type ExpectedFunction = { signature: string; outputs: string; read: boolean };

const read = (signature: string, outputs: string): ExpectedFunction => ({ signature, outputs, read: true });
const write = (signature: string, outputs = ""): ExpectedFunction => ({ signature, outputs, read: false });

const GOVERNOR_EVENTS: ExpectedEvent[] = [
  {
    signature: "ProposalCreated(uint256,address,address[],uint256[],string[],bytes[],uint256,uint256,string)",
    indexed: [],
  },
  { signature: "ProposalCanceled(uint256)", indexed: [] },
  { signature: "ProposalExecuted(uint256)", indexed: [] },
  { signature: "ProposalQueued(uint256,uint256)", indexed: [] },
  { signature: "VoteCast(address,uint256,uint8,uint256,string)", indexed: [0] },
  { signature: "VoteCastWithParams(address,uint256,uint8,uint256,string,bytes)", indexed: [0] },
  { signature: "ProposalExtended(uint256,uint64)", indexed: [0] },
];

const GOVERNOR_FUNCTIONS: ExpectedFunction[] = [
  read("name()", "string"),
  read("version()", "string"),
  read("COUNTING_MODE()", "string"),
  read("clock()", "uint48"),
  read("CLOCK_MODE()", "string"),
  read("votingDelay()", "uint256"),
  read("votingPeriod()", "uint256"),
  read("proposalThreshold()", "uint256"),
  read("quorum(uint256)", "uint256"),
  read("state(uint256)", "uint8"),
  read("proposalSnapshot(uint256)", "uint256"),
  read("proposalDeadline(uint256)", "uint256"),
  read("proposalProposer(uint256)", "address"),
  read("proposalEta(uint256)", "uint256"),
  read("hasVoted(uint256,address)", "bool"),
  read("proposalVotes(uint256)", "uint256,uint256,uint256"),
  read("getVotes(address,uint256)", "uint256"),
  read("timelock()", "address"),
  read("token()", "address"),
  read("proposalGuardian()", "address"),
  read("hashProposal(address[],uint256[],bytes[],bytes32)", "uint256"),
  read("nonces(address)", "uint256"),
  write("castVote(uint256,uint8)", "uint256"),
  write("castVoteWithReason(uint256,uint8,string)", "uint256"),
  write("castVoteWithReasonAndParams(uint256,uint8,string,bytes)", "uint256"),
  write("castVoteBySig(uint256,uint8,address,bytes)", "uint256"),
  write("propose(address[],uint256[],bytes[],string)", "uint256"),
  write("queue(address[],uint256[],bytes[],bytes32)", "uint256"),
  write("execute(address[],uint256[],bytes[],bytes32)", "uint256"),
  write("cancel(address[],uint256[],bytes[],bytes32)", "uint256"),
];

const TOKEN_EVENTS: ExpectedEvent[] = [
  { signature: "DelegateChanged(address,address,address)", indexed: [0, 1, 2] },
  { signature: "DelegateVotesChanged(address,uint256,uint256)", indexed: [0] },
  { signature: "Transfer(address,address,uint256)", indexed: [0, 1] },
];

const TOKEN_FUNCTIONS: ExpectedFunction[] = [
  read("name()", "string"),
  read("symbol()", "string"),
  read("decimals()", "uint8"),
  read("totalSupply()", "uint256"),
  read("balanceOf(address)", "uint256"),
  read("delegates(address)", "address"),
  read("getVotes(address)", "uint256"),
  read("getPastVotes(address,uint256)", "uint256"),
  read("getPastTotalSupply(uint256)", "uint256"),
  read("clock()", "uint48"),
  read("CLOCK_MODE()", "string"),
  read("nonces(address)", "uint256"),
  write("delegate(address)"),
  write("delegateBySig(address,uint256,uint256,uint8,bytes32,bytes32)"),
];

function assertEvents(abi: Abi, expected: ExpectedEvent[], contractName: string) {
  for (const { signature, indexed } of expected) {
    const matches = abi.filter((item) => item.type === "event" && toEventSignature(item) === signature);
    assert.equal(matches.length, 1, `${contractName} must emit event ${signature}`);
    const [event] = matches;
    assert.ok(event.type === "event");
    const actualIndexed = event.inputs.flatMap((input, i) => (input.indexed === true ? [i] : []));
    assert.deepEqual(actualIndexed, indexed, `${contractName}.${signature}: indexed parameters`);
  }
}

function assertFunctions(abi: Abi, expected: ExpectedFunction[], contractName: string) {
  for (const { signature, outputs, read: isRead } of expected) {
    const matches = abi.filter((item) => item.type === "function" && toFunctionSignature(item) === signature);
    assert.equal(matches.length, 1, `${contractName} must have function ${signature}`);
    const [fn] = matches;
    assert.ok(fn.type === "function");
    assert.equal(fn.outputs.map((o) => o.type).join(","), outputs, `${contractName}.${signature}: return types`);
    const isView = fn.stateMutability === "view" || fn.stateMutability === "pure";
    assert.equal(isView, isRead, `${contractName}.${signature}: ${fn.stateMutability}`);
  }
}

/** Asserts that the Governor logs of `hash` include one whose topic 0 is the Tally signature `signature`. */
async function assertLogTopic(dao: Dao, hash: Hash, signature: string) {
  const logs = await logsFrom(dao, hash, dao.governor.address);
  const selector = toEventSelector(signature);
  assert.ok(
    logs.some((log) => log.topics[0] === selector),
    `expected a ${signature} log`,
  );
}

describe("Tally compatibility", async () => {
  const connection = await network.create();
  const { networkHelpers } = connection;

  it("has every Governor event and function Tally uses, with the exact signatures", async () => {
    const dao = await networkHelpers.loadFixture(deployDelegatedDao);
    assertEvents(dao.governor.abi, GOVERNOR_EVENTS, "Governor");
    assertFunctions(dao.governor.abi, GOVERNOR_FUNCTIONS, "Governor");
    const state = dao.governor.abi.find((item) => item.type === "function" && item.name === "state");
    assert.ok(state?.type === "function");
    assert.equal(state.outputs[0].internalType, "enum IGovernor.ProposalState");
  });

  it("has every token event and function Tally uses, with the exact signatures", async () => {
    const dao = await networkHelpers.loadFixture(deployDelegatedDao);
    assertEvents(dao.token.abi, TOKEN_EVENTS, "GovernanceToken");
    assertFunctions(dao.token.abi, TOKEN_FUNCTIONS, "GovernanceToken");
  });

  it("uses the timestamp clock on both contracts and Bravo-style counting", async () => {
    const dao = await networkHelpers.loadFixture(deployDelegatedDao);
    assert.equal(await dao.governor.read.CLOCK_MODE(), "mode=timestamp");
    assert.equal(await dao.token.read.CLOCK_MODE(), "mode=timestamp");
    assert.equal(await dao.governor.read.COUNTING_MODE(), "support=bravo&quorum=for,abstain");
    assert.equal(await dao.governor.read.name(), "ModelDAO Governor");
    assert.equal(await dao.governor.read.version(), "1");
    assert.equal(await dao.token.read.decimals(), 18);

    const latest = BigInt(await networkHelpers.time.latest());
    const governorClock = BigInt(await dao.governor.read.clock());
    assert.equal(BigInt(await dao.token.read.clock()), governorClock);
    // A timestamp, not a block number: within seconds of the latest block's time.
    assert.ok(governorClock >= latest && governorClock <= latest + 5n, `${governorClock} vs ${latest}`);
    assert.ok(governorClock > BigInt(await networkHelpers.time.latestBlock()) + 1_000_000n);
  });

  it("keeps the ProposalState numbering: real proposals read 0, 1, 2, 3, 4, 5 and 7", async () => {
    const dao = await networkHelpers.loadFixture(deployDelegatedDao);
    const { governor } = dao;
    const toCancel = payoutProposal(dao, "State: canceled");
    const toDefeat = payoutProposal(dao, "State: defeated");
    const toSucceed = payoutProposal(dao, "State: succeeded");
    const toQueue = payoutProposal(dao, "State: queued");
    const toExecute = payoutProposal(dao, "State: executed");
    const passing = [toSucceed, toQueue, toExecute];

    for (const p of [toCancel, toDefeat, ...passing]) {
      await assertLogTopic(dao, await propose(dao, p), GOVERNOR_EVENTS[0].signature);
      assert.equal(await governor.read.state([p.id]), ProposalState.Pending);
    }
    await assertLogTopic(dao, await cancel(dao, toCancel, dao.alice), "ProposalCanceled(uint256)");
    assert.equal(await governor.read.state([toCancel.id]), ProposalState.Canceled);

    await startVoting(dao, toExecute.id);
    assert.equal(await governor.read.state([toDefeat.id]), ProposalState.Active);
    await assertLogTopic(
      dao,
      await vote(dao, toDefeat.id, Vote.Against, dao.alice),
      "VoteCast(address,uint256,uint8,uint256,string)",
    );
    for (const p of passing) {
      await vote(dao, p.id, Vote.For, dao.alice);
      await vote(dao, p.id, Vote.For, dao.bob);
    }
    await endVoting(dao, toExecute.id);
    assert.equal(await governor.read.state([toDefeat.id]), ProposalState.Defeated);
    assert.equal(await governor.read.state([toSucceed.id]), ProposalState.Succeeded);

    await assertLogTopic(dao, await queue(dao, toQueue), "ProposalQueued(uint256,uint256)");
    await queue(dao, toExecute);
    assert.equal(await governor.read.state([toQueue.id]), ProposalState.Queued);
    await reachEta(dao, toExecute.id);
    await assertLogTopic(dao, await execute(dao, toExecute), "ProposalExecuted(uint256)");
    assert.equal(await governor.read.state([toExecute.id]), ProposalState.Executed);

    // Later states do not disturb earlier ones: Canceled stays 2, and a fresh proposal is Pending (0).
    assert.equal(await governor.read.state([toCancel.id]), ProposalState.Canceled);
    const fresh = payoutProposal(dao, "State: pending");
    await propose(dao, fresh);
    assert.equal(await governor.read.state([fresh.id]), ProposalState.Pending);
  });
});
