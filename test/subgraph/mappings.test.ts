// The subgraph's mappings, compiled with graph-cli's AssemblyScript compiler, fed every log of a real seeded local
// run (test/subgraph/fixtures/seeded-logs.json, recorded by scripts/subgraph/record-fixtures.ts), and compared with
// what the chain itself answered at the recorded head (Governor state, tallies, quorum, votes, models, grants).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { before, describe, it } from "node:test";
import { encodeAbiParameters, encodeEventTopics, parseEther, toHex, type Hex } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { abis } from "../../web/src/contracts/abis.ts";
import { TEST_MNEMONIC } from "../../scripts/lib/publishing.ts";
import { PROPOSAL_STATES, proposalState, type Proposal } from "../../subgraph/client/queries.ts";
import { compileMappings, SubgraphHost, type Fixture, type StoredEntity } from "./host.ts";

const fixture = JSON.parse(
  readFileSync(path.join(import.meta.dirname, "fixtures", "seeded-logs.json"), "utf8"),
) as Fixture;
type ChainProposal = {
  state: number;
  snapshot: string;
  deadline: string;
  eta: string;
  quorum: string;
  against: string;
  for: string;
  abstain: string;
};
const chain = fixture.chain as {
  head: { number: number; timestamp: number };
  proposals: Record<string, ChainProposal>;
  votes: Record<string, string>;
  models: Record<string, { versionCount: number; activeVersion: number; statuses: number[]; paused: boolean }>;
  approvedDatasets: number;
  totalSupply: string;
  grant0: { amount: string; released: string };
  guardian: string;
};
const address = (index: number) => mnemonicToAccount(TEST_MNEMONIC, { addressIndex: index }).address.toLowerCase();
const HOLDER = (n: number) => address(3 + n - 1);
const nameHex = (name: string) => toHex(name, { size: 32 });
const VERSION_STATUS = ["NONE", "CANDIDATE", "ACTIVE", "SUPERSEDED", "RETIRED", "REVOKED"];

/** A stored Proposal in the shape the GraphQL client receives (BigInt as decimal strings). */
function asClientProposal(p: StoredEntity) {
  return {
    status: p.status as Proposal["status"],
    voteStart: String(p.voteStart),
    voteEnd: String(p.voteEnd),
    forVotes: String(p.forVotes),
    againstVotes: String(p.againstVotes),
    abstainVotes: String(p.abstainVotes),
    quorum: String(p.quorum),
  };
}

let wasm: Uint8Array;
let host: SubgraphHost;
const handled: string[] = [];

before(async () => {
  wasm = await compileMappings();
  host = new SubgraphHost(wasm);
  for (const log of fixture.logs) {
    const handler = host.feed(log, fixture);
    if (handler) handled.push(handler);
  }
});

describe("the compiled mappings under the test host", () => {
  it("import only host functions the host implements, or ones never called", () => {
    // graph-ts's Value.displayData references bigDecimal.toString; our schema has no BigDecimal, so it is never
    // called (an unimplemented import throws, naming itself, and every recorded log below is handled without one).
    assert.deepEqual(host.missingImports(), ["numbers.bigDecimal.toString"]);
  });

  it("handle every recorded log of the manifest's events, in order, without aborting", () => {
    assert.equal(fixture.logs.length > 100, true, `${fixture.logs.length} recorded logs`);
    for (const name of [
      "handleProposalCreated",
      "handleProposalQueued",
      "handleProposalExecuted",
      "handleProposalCanceled",
      "handleProposalExtended",
      "handleVoteCast",
      "handleVoteCastWithParams",
      "handleDelegateChanged",
      "handleDelegateVotesChanged",
      "handleTransfer",
      "handleDatasetApproved",
      "handleModelVersionSubmitted",
      "handleModelVersionActivated",
      "handleModelPaused",
      "handlePaidOut",
      "handleGrantCreated",
      "handleGrantReleased",
      "handleDeposited",
      "handleCallScheduled",
      "handleCallExecuted",
    ]) {
      assert.ok(handled.includes(name), `${name} ran`);
    }
  });
});

describe("proposals match the Governor at the recorded head", () => {
  it("has every proposal the chain has", () => {
    assert.deepEqual(
      host
        .entities("Proposal")
        .map((p) => p.id)
        .sort(),
      Object.keys(chain.proposals).sort(),
    );
  });

  it("has the chain's tallies, snapshot, deadline (with extensions), quorum and ETA", () => {
    for (const [id, onChain] of Object.entries(chain.proposals)) {
      const p = host.entity("Proposal", id)!;
      assert.equal(String(p.forVotes), onChain.for, `for ${id}`);
      assert.equal(String(p.againstVotes), onChain.against, `against ${id}`);
      assert.equal(String(p.abstainVotes), onChain.abstain, `abstain ${id}`);
      assert.equal(String(p.voteStart), onChain.snapshot, `snapshot ${id}`);
      assert.equal(String(p.voteEnd), onChain.deadline, `deadline ${id}`);
      assert.equal(String(p.quorum), onChain.quorum, `quorum ${id}`);
      assert.equal(String(p.eta ?? 0n), onChain.eta, `eta ${id}`);
    }
  });

  it("derives the Governor's state() for each from indexed fields alone", () => {
    const states: Record<string, string> = {};
    for (const [id, onChain] of Object.entries(chain.proposals)) {
      const p = host.entity("Proposal", id)!;
      assert.equal(
        proposalState(asClientProposal(p), chain.head.timestamp),
        PROPOSAL_STATES[onChain.state],
        `state of "${p.title}"`,
      );
      states[String(p.title)] = PROPOSAL_STATES[onChain.state];
    }
    assert.deepEqual(states, {
      "Whitelist MNIST digits and Palmer penguins": "Executed",
      "Launch: activate digits-mlp v1 and penguins-mlp v1, pay the data curator": "Executed",
      "Fund a 50 ETH fine-tuning bounty": "Defeated",
      "Provide liquidity": "Canceled",
      "Upgrade digits to digits-cnn v2": "Executed",
      "Upgrade digits to v3: 99% accuracy": "Defeated",
      "Retire penguins-mlp v1": "Active",
    });
  });

  it("records the guardian's cancel, the late-quorum extension and the proposal's actions", () => {
    const canceled = host.entities("Proposal").find((p) => p.status === "CANCELED")!;
    assert.equal(canceled.canceledBy, chain.guardian);
    const extended = host.entities("Proposal").find((p) => p.title === "Retire penguins-mlp v1")!;
    assert.ok(BigInt(extended.extendedDeadline as bigint) > BigInt(extended.originalVoteEnd as bigint));
    const extensions = host.entities("ProposalExtension");
    assert.equal(extensions.length, 1);
    assert.equal(extensions[0].proposal, extended.id);
    const launch = host.entities("Proposal").find((p) => String(p.title).startsWith("Launch"))!;
    assert.deepEqual(launch.targets, [
      fixture.deployment.contracts.modelRegistry.toLowerCase(),
      fixture.deployment.contracts.modelRegistry.toLowerCase(),
      fixture.deployment.contracts.treasury.toLowerCase(),
      fixture.deployment.contracts.treasury.toLowerCase(),
    ]);
    assert.deepEqual(launch.values, [0n, 0n, 0n, 0n]);
    assert.equal((launch.calldatas as string[]).length, 4);
    assert.equal(launch.proposer, HOLDER(2));
    assert.match(String(launch.description), /^# Launch/);
  });

  it("keeps the Governance counters consistent with the entities and the chain", () => {
    const g = host.entity("Governance", "governance")!;
    const proposals = host.entities("Proposal");
    const votes = host.entities("Vote");
    assert.equal(g.proposalCount, proposals.length);
    assert.equal(g.voteCount, votes.length);
    assert.equal(g.votesFor, votes.filter((v) => v.support === 1).length);
    assert.equal(g.votesAgainst, votes.filter((v) => v.support === 0).length);
    assert.equal(g.votesAbstain, votes.filter((v) => v.support === 2).length);
    assert.equal(g.proposalsExecuted, 3);
    assert.equal(g.proposalsCanceled, 1);
    assert.equal(g.proposalsQueued, 0);
    assert.equal(g.proposalsExtended, 1);
    assert.equal(String(g.tokenTotalSupply), chain.totalSupply);
    assert.equal(g.quorumNumerator, 4n);
    assert.equal(g.votingDelay, 60n);
    assert.equal(g.votingPeriod, 259200n);
    assert.equal(g.lateQuorumVoteExtension, 3600n);
    assert.equal(g.proposalGuardian, chain.guardian);
    const power = Object.values(chain.votes).map(BigInt);
    assert.equal(
      g.totalVotingPower,
      power.reduce((a, b) => a + b, 0n),
    );
    assert.equal(g.delegateCount, power.filter((p) => p > 0n).length);
  });
});

describe("votes, delegates and receipts", () => {
  it("gives every delegate the chain's getVotes", () => {
    for (const [account, votes] of Object.entries(chain.votes)) {
      assert.equal(String(host.entity("Delegate", account)?.votingPower), votes, account);
    }
  });

  it("tracks delegation: holder 7 took its votes back from holder 1, holder 8 still delegates to holder 2", () => {
    assert.equal(host.entity("Delegate", HOLDER(7))!.delegatedTo, HOLDER(7));
    assert.equal(host.entity("Delegate", HOLDER(8))!.delegatedTo, HOLDER(2));
    assert.equal(host.entity("Delegate", HOLDER(2))!.delegatorCount, 2);
    assert.equal(host.entity("Delegate", HOLDER(1))!.delegatorCount, 1);
    assert.equal(host.entity("Delegate", HOLDER(10)), undefined, "holder 10 never delegated nor voted");
    const changes = host.entities("DelegationChange").filter((c) => c.delegator === HOLDER(7));
    assert.deepEqual(
      changes.map((c) => [c.fromDelegate ?? null, c.toDelegate]),
      [
        [null, HOLDER(1)],
        [HOLDER(1), HOLDER(7)],
      ],
    );
  });

  it("parses a valid evaluation receipt into the Vote's receipt fields", () => {
    const vote = host.entities("Vote").find((v) => v.voter === HOLDER(9))!;
    assert.equal(vote.support, 1);
    assert.equal(vote.hasReceipt, true);
    assert.equal(vote.receiptModel, "digits");
    assert.equal(vote.receiptVersion, 2);
    assert.equal(vote.receiptCid, "bafy-digits-cnn");
    assert.equal(vote.receiptDatasetCid, "bafy-mnist-eval");
    assert.equal(vote.receiptSamples, 2000);
    assert.equal(vote.receiptBackend, "wasm");
    assert.equal(vote.receiptCandidateAccuracyBps, 9715);
    assert.equal(vote.receiptActiveAccuracyBps, 9280);
    assert.equal(vote.receiptTool, "modeldao/0.1.0");
    assert.equal(vote.params, undefined);
  });

  it("leaves every receipt field null for a malformed receipt, and keeps the vote", () => {
    const vote = host.entities("Vote").find((v) => v.voter === HOLDER(3) && v.support === 2)!;
    assert.match(String(vote.reason), /modeldao-eval:v1 \{not json/);
    assert.equal(vote.hasReceipt, false);
    for (const field of Object.keys(vote)) assert.ok(!field.startsWith("receipt"), `${field} is null`);
    assert.equal(vote.weight, 120000n * 10n ** 18n);
  });

  it("stores params of a VoteCastWithParams, with its receipt", () => {
    const vote = host.entities("Vote").find((v) => v.params !== undefined)!;
    assert.equal(vote.params, "0xc0ffee");
    assert.equal(vote.voter, HOLDER(1));
    assert.equal(vote.support, 0);
    assert.equal(vote.receiptCandidateAccuracyBps, 4775);
    assert.equal(vote.receiptVersion, 3);
  });

  it("never aborts on garbage receipts: wrong JSON, wrong types, out-of-range numbers", () => {
    const garbage = new SubgraphHost(wasm);
    const proposalCreated = fixture.logs.find(
      (l) => l.topics[0] === encodeEventTopics({ abi: abis.governor, eventName: "ProposalCreated" })[0],
    )!;
    garbage.feed(proposalCreated, fixture);
    const proposalId = BigInt(garbage.entities("Proposal")[0].id as string);
    const reasons = [
      "modeldao-eval:v1 [1, 2, 3]",
      'modeldao-eval:v1 {"model": 5, "version": "2", "samples": -1, "candidateAccuracy": 1.5, "activeAccuracy": 1e-1}',
      "modeldao-eval:v1",
      "modeldao-eval:v1 null",
      'modeldao-eval:v1 {"version": 2.5, "samples": 12345678901, "candidateAccuracy": 0.99995, "backend": null}',
      'no receipt here\nmodeldao-eval:v1 {"model":"digits"} trailing',
    ];
    const voters = reasons.map((_, i) => address(20 + i) as Hex);
    reasons.forEach((reason, i) => {
      const topics = encodeEventTopics({ abi: abis.governor, eventName: "VoteCast", args: { voter: voters[i] } });
      const data = encodeAbiParameters(
        [{ type: "uint256" }, { type: "uint8" }, { type: "uint256" }, { type: "string" }],
        [proposalId, 1, parseEther("1"), reason],
      );
      garbage.feed({ ...proposalCreated, topics: topics as Hex[], data, logIndex: 100 + i }, fixture);
    });
    const byVoter = (i: number) => garbage.entities("Vote").find((v) => v.voter === voters[i].toLowerCase())!;
    assert.equal(byVoter(0).hasReceipt, false);
    const wrongTypes = byVoter(1);
    assert.equal(wrongTypes.hasReceipt, true);
    for (const field of ["receiptModel", "receiptVersion", "receiptSamples", "receiptCandidateAccuracyBps"]) {
      assert.equal(wrongTypes[field], undefined, field);
    }
    assert.equal(wrongTypes.receiptActiveAccuracyBps, undefined, "1e-1 is not plain decimal notation");
    assert.equal(byVoter(2).hasReceipt, false);
    assert.equal(byVoter(3).hasReceipt, false);
    const edge = byVoter(4);
    assert.equal(edge.receiptVersion, undefined);
    assert.equal(edge.receiptSamples, undefined);
    assert.equal(edge.receiptCandidateAccuracyBps, 10000, "0.99995 rounds half up to 10000 bps");
    assert.equal(edge.receiptBackend, undefined);
    assert.equal(byVoter(5).hasReceipt, false, "trailing text after the JSON makes it invalid");
    assert.equal(garbage.entity("Governance", "governance")!.voteCount, reasons.length);
  });

  it("converts accuracies to basis points and counts strictly", () => {
    const bps = (text: string | null) => host.callI32("parseBps", text);
    assert.equal(bps("0.9715"), 9715);
    assert.equal(bps("0.928"), 9280);
    assert.equal(bps("1"), 10000);
    assert.equal(bps("1.0000"), 10000);
    assert.equal(bps("0"), 0);
    assert.equal(bps("0.00004"), 0);
    assert.equal(bps("0.00005"), 1);
    for (const bad of ["1.0001", "2", "-0.5", "0.", ".5", "abc", "", "1e-3", null])
      assert.equal(bps(bad), -1, `${bad}`);
    const count = (text: string | null) => host.callI32("parseCount", text);
    assert.equal(count("2000"), 2000);
    assert.equal(count("0"), 0);
    for (const bad of ["-1", "1.5", "1234567890", "", "x", null]) assert.equal(count(bad), -1, `${bad}`);
  });
});

describe("models, datasets, kill switch and treasury", () => {
  it("has the chain's models: version counts, active versions and every version's status", () => {
    for (const [name, onChain] of Object.entries(chain.models)) {
      const model = host.entity("Model", nameHex(name))!;
      assert.equal(model.name, name);
      assert.equal(model.versionCount, onChain.versionCount);
      assert.equal(model.activeVersionNumber, onChain.activeVersion);
      assert.equal(model.activeVersion, `${nameHex(name)}-${onChain.activeVersion}`);
      assert.equal(model.paused, onChain.paused);
      onChain.statuses.forEach((status, i) => {
        const version = host.entity("ModelVersion", `${nameHex(name)}-${i + 1}`)!;
        assert.equal(version.status, VERSION_STATUS[status], `${name} v${i + 1}`);
      });
    }
  });

  it("keeps each version's submission and status history", () => {
    const v1 = `${nameHex("digits")}-1`;
    const history = host
      .entities("ModelVersionStatusChange")
      .filter((c) => c.version === v1)
      .map((c) => [c.from ?? null, c.to, c.cause]);
    assert.deepEqual(history, [
      [null, "CANDIDATE", "ModelVersionSubmitted"],
      ["CANDIDATE", "ACTIVE", "ModelVersionActivated"],
      ["ACTIVE", "SUPERSEDED", "Superseded"],
    ]);
    const v3 = host.entity("ModelVersion", `${nameHex("digits")}-3`)!;
    assert.equal(v3.claimedAccuracyBps, 9900);
    assert.equal(v3.parentVersion, 1);
    assert.equal(v3.parent, v1);
    assert.equal(v3.evaluationDataset, nameHex("mnist-eval"));
    assert.deepEqual(v3.trainingDatasets, [nameHex("mnist-train")]);
    assert.equal(v3.submitter, address(2));
    assert.match(String(v3.cid), /^b/);
  });

  it("has the four whitelisted datasets with their provenance", () => {
    const datasets = host.entities("Dataset");
    assert.equal(datasets.filter((d) => d.status === "APPROVED").length, chain.approvedDatasets);
    assert.deepEqual(datasets.map((d) => d.name).sort(), [
      "mnist-eval",
      "mnist-train",
      "penguins-eval",
      "penguins-train",
    ]);
    for (const d of datasets) {
      assert.ok(String(d.license).length > 0 && String(d.source).length > 0 && String(d.creator).length > 0);
      assert.equal(d.revoked, false);
    }
  });

  it("records the guardian's pause with its reason", () => {
    const pauses = host.entities("PauseEvent");
    assert.equal(pauses.length, 1);
    assert.equal(pauses[0].kind, "MODEL_PAUSED");
    assert.equal(pauses[0].by, chain.guardian);
    assert.equal(pauses[0].model, nameHex("penguins"));
    assert.match(String(pauses[0].reason), /mislabelled/);
    assert.equal(host.entity("Model", nameHex("penguins"))!.pauseReason, pauses[0].reason);
    assert.equal(host.entity("KillSwitch", "killswitch")!.guardian, chain.guardian);
  });

  it("records the deposit, the payout and the grant with its release", () => {
    const deposits = host.entities("TreasuryDeposit");
    assert.deepEqual(
      deposits.map((d) => d.amount),
      [parseEther("100")],
    );
    const payouts = host.entities("TreasuryPayout");
    assert.equal(payouts.length, 1);
    assert.equal(payouts[0].amount, parseEther("2"));
    assert.equal(payouts[0].to, address(13));
    assert.equal(payouts[0].token, "0x0000000000000000000000000000000000000000");
    assert.equal(payouts[0].memo, "MNIST split and card");
    const grant = host.entity("Grant", "0")!;
    assert.equal(String(grant.amount), chain.grant0.amount);
    assert.equal(String(grant.released), chain.grant0.released);
    assert.ok((grant.released as bigint) > 0n);
    assert.equal(grant.canceled, false);
    assert.equal(host.entities("GrantRelease").length, 1);
  });

  it("records the timelock operations of the three executed proposals", () => {
    const ops = host.entities("TimelockOperation");
    assert.equal(ops.length, 3);
    for (const op of ops) {
      assert.equal(op.executedCalls, op.callCount);
      assert.ok(op.executedAt);
      assert.equal(op.canceled, false);
    }
    assert.deepEqual(
      ops.map((o) => o.callCount).sort(),
      [1, 4, 4],
      "whitelist: 4 approvals, launch: 4 calls, upgrade: 1",
    );
  });
});
