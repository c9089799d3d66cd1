import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { parseEther, parseEventLogs, parseSignature, zeroAddress, zeroHash, type Address, type Hex } from "viem";
import { deployDao, HOLDER_AMOUNTS, TEST_PARAMETERS, type Dao } from "../helpers/dao.js";
import {
  buildProposal,
  deployDelegatedDao,
  eip712DomainOf,
  endVoting,
  logsFrom,
  payoutProposal,
  propose,
  ProposalState,
  sameAddress,
  startVoting,
  stateBitmap,
  txTimestamp,
  Vote,
} from "../helpers/governance.js";

const [ALICE_TOKENS, BOB_TOKENS, CAROL_TOKENS, DAVE_TOKENS] = HOLDER_AMOUNTS;

const DELEGATION_TYPES = {
  Delegation: [
    { name: "delegatee", type: "address" },
    { name: "nonce", type: "uint256" },
    { name: "expiry", type: "uint256" },
  ],
} as const;

const BALLOT_TYPES = {
  Ballot: [
    { name: "proposalId", type: "uint256" },
    { name: "support", type: "uint8" },
    { name: "voter", type: "address" },
    { name: "nonce", type: "uint256" },
  ],
} as const;

const EXTENDED_BALLOT_TYPES = {
  ExtendedBallot: [
    { name: "proposalId", type: "uint256" },
    { name: "support", type: "uint8" },
    { name: "voter", type: "address" },
    { name: "nonce", type: "uint256" },
    { name: "reason", type: "string" },
    { name: "params", type: "bytes" },
  ],
} as const;

/** Signs an EIP-712 Delegation with the token's own domain, split into the (v, r, s) delegateBySig takes. */
async function signDelegation(dao: Dao, signer: Dao["alice"], delegatee: Address, nonce: bigint, expiry: bigint) {
  const domain = await eip712DomainOf(dao.token);
  const signature = await signer.signTypedData({
    domain,
    types: DELEGATION_TYPES,
    primaryType: "Delegation",
    message: { delegatee, nonce, expiry },
  });
  const { r, s, yParity } = parseSignature(signature);
  return { v: yParity + 27, r, s };
}

async function signBallot(dao: Dao, signer: Dao["alice"], proposalId: bigint, support: number, voter: Address) {
  const domain = await eip712DomainOf(dao.governor);
  const nonce = await dao.governor.read.nonces([voter]);
  return signer.signTypedData({
    domain,
    types: BALLOT_TYPES,
    primaryType: "Ballot",
    message: { proposalId, support, voter, nonce },
  });
}

describe("Voting token: delegation and voting power", async () => {
  const connection = await network.create();
  const { viem, networkHelpers } = connection;

  it("gives a holder who has not delegated zero voting power, now and in the past", async () => {
    const dao = await networkHelpers.loadFixture(deployDao);
    const alice = dao.alice.account.address;
    assert.equal(await dao.token.read.balanceOf([alice]), ALICE_TOKENS);
    assert.equal(await dao.token.read.delegates([alice]), zeroAddress);
    assert.equal(await dao.token.read.getVotes([alice]), 0n);
    const now = BigInt(await dao.token.read.clock());
    await networkHelpers.mine();
    assert.equal(await dao.token.read.getPastVotes([alice, now]), 0n);
    assert.equal(await dao.governor.read.getVotes([alice, now]), 0n);
    // ...so the balance alone does not even reach the proposal threshold.
    await viem.assertions.revertWithCustomErrorWithArgs(
      propose(dao, payoutProposal(dao, "Undelegated proposer")),
      dao.governor,
      "GovernorInsufficientProposerVotes",
      [alice, 0n, TEST_PARAMETERS.proposalThreshold],
    );
  });

  it("turns the balance into votes when a holder delegates to themselves", async () => {
    const dao = await networkHelpers.loadFixture(deployDao);
    const alice = dao.alice.account.address;
    const hash = await dao.token.write.delegate([alice], { account: dao.alice.account });
    await viem.assertions.emitWithArgs(hash, dao.token, "DelegateChanged", [alice, zeroAddress, alice]);
    await viem.assertions.emitWithArgs(hash, dao.token, "DelegateVotesChanged", [alice, 0n, ALICE_TOKENS]);
    assert.ok(sameAddress(await dao.token.read.delegates([alice]), alice));
    assert.equal(await dao.token.read.getVotes([alice]), ALICE_TOKENS);
    const delegatedAt = await txTimestamp(dao, hash);
    await networkHelpers.mine();
    assert.equal(await dao.token.read.getPastVotes([alice, delegatedAt - 1n]), 0n);
    assert.equal(await dao.token.read.getPastVotes([alice, delegatedAt]), ALICE_TOKENS);
  });

  it("moves the voting power to another account when a holder delegates to it", async () => {
    const dao = await networkHelpers.loadFixture(deployDao);
    const [alice, bob] = [dao.alice.account.address, dao.bob.account.address];
    await dao.token.write.delegate([alice], { account: dao.alice.account });

    const hash = await dao.token.write.delegate([bob], { account: dao.alice.account });
    await viem.assertions.emitWithArgs(hash, dao.token, "DelegateChanged", [alice, alice, bob]);
    await viem.assertions.emitWithArgs(hash, dao.token, "DelegateVotesChanged", [alice, ALICE_TOKENS, 0n]);
    await viem.assertions.emitWithArgs(hash, dao.token, "DelegateVotesChanged", [bob, 0n, ALICE_TOKENS]);
    assert.equal(await dao.token.read.getVotes([alice]), 0n);
    // bob votes with alice's tokens, not with his own balance, until he delegates it too.
    assert.equal(await dao.token.read.getVotes([bob]), ALICE_TOKENS);
    assert.equal(await dao.token.read.balanceOf([alice]), ALICE_TOKENS);

    const own = await dao.token.write.delegate([bob], { account: dao.bob.account });
    await viem.assertions.emitWithArgs(own, dao.token, "DelegateVotesChanged", [
      bob,
      ALICE_TOKENS,
      ALICE_TOKENS + BOB_TOKENS,
    ]);
    assert.equal(await dao.token.read.getVotes([bob]), ALICE_TOKENS + BOB_TOKENS);
  });

  it("moves votes between the delegates of sender and recipient on transfer", async () => {
    const dao = await networkHelpers.loadFixture(deployDao);
    const [alice, bob, carol, dave] = dao.holders.map((h) => h.account.address);
    await dao.token.write.delegate([bob], { account: dao.alice.account });
    await dao.token.write.delegate([carol], { account: dao.carol.account });

    const amount = parseEther("100000");
    const hash = await dao.token.write.transfer([carol, amount], { account: dao.alice.account });
    await viem.assertions.emitWithArgs(hash, dao.token, "DelegateVotesChanged", [
      bob,
      ALICE_TOKENS,
      ALICE_TOKENS - amount,
    ]);
    await viem.assertions.emitWithArgs(hash, dao.token, "DelegateVotesChanged", [
      carol,
      CAROL_TOKENS,
      CAROL_TOKENS + amount,
    ]);
    assert.equal(await dao.token.read.getVotes([bob]), ALICE_TOKENS - amount);
    assert.equal(await dao.token.read.getVotes([carol]), CAROL_TOKENS + amount);

    // Sending to an account that never delegated takes the votes out of circulation.
    await dao.token.write.transfer([dave, amount], { account: dao.alice.account });
    assert.equal(await dao.token.read.getVotes([bob]), ALICE_TOKENS - 2n * amount);
    assert.equal(await dao.token.read.getVotes([dave]), 0n);
    assert.equal(await dao.token.read.getVotes([alice]), 0n);
  });

  it("delegateBySig lets anyone relay a holder's EIP-712 Delegation signature, once", async () => {
    const dao = await networkHelpers.loadFixture(deployDao);
    const [alice, bob] = [dao.alice.account.address, dao.bob.account.address];
    const domain = await eip712DomainOf(dao.token);
    assert.equal(domain.name, "ModelDAO");
    assert.equal(domain.version, "1");
    assert.equal(domain.chainId, await dao.publicClient.getChainId());
    assert.ok(sameAddress(domain.verifyingContract, dao.token.address));

    const nonce = await dao.token.read.nonces([alice]);
    assert.equal(nonce, 0n);
    const expiry = BigInt(await networkHelpers.time.latest()) + 3600n;
    const { v, r, s } = await signDelegation(dao, dao.alice, bob, nonce, expiry);

    const hash = await dao.token.write.delegateBySig([bob, nonce, expiry, v, r, s], {
      account: dao.outsider.account,
    });
    await viem.assertions.emitWithArgs(hash, dao.token, "DelegateChanged", [alice, zeroAddress, bob]);
    await viem.assertions.emitWithArgs(hash, dao.token, "DelegateVotesChanged", [bob, 0n, ALICE_TOKENS]);
    assert.ok(sameAddress(await dao.token.read.delegates([alice]), bob));
    assert.equal(await dao.token.read.getVotes([bob]), ALICE_TOKENS);
    assert.equal(await dao.token.read.nonces([alice]), 1n);

    // Replaying the same signature: the nonce it was signed over has been used.
    await viem.assertions.revertWithCustomErrorWithArgs(
      dao.token.write.delegateBySig([bob, nonce, expiry, v, r, s], { account: dao.outsider.account }),
      dao.token,
      "InvalidAccountNonce",
      [alice, 1n],
    );
  });

  it("delegateBySig rejects an expired signature with VotesExpiredSignature", async () => {
    const dao = await networkHelpers.loadFixture(deployDao);
    const alice = dao.alice.account.address;
    const expiry = BigInt(await networkHelpers.time.latest()) - 1n;
    const { v, r, s } = await signDelegation(dao, dao.alice, dao.bob.account.address, 0n, expiry);
    await viem.assertions.revertWithCustomErrorWithArgs(
      dao.token.write.delegateBySig([dao.bob.account.address, 0n, expiry, v, r, s], {
        account: dao.outsider.account,
      }),
      dao.token,
      "VotesExpiredSignature",
      [expiry],
    );
    assert.equal(await dao.token.read.delegates([alice]), zeroAddress);
    assert.equal(await dao.token.read.nonces([alice]), 0n);
  });
});

describe("Governor: proposing", async () => {
  const connection = await network.create();
  const { viem, networkHelpers } = connection;
  const wallets = await connection.viem.getWalletClients();
  const fresh = wallets[8];

  it("emits ProposalCreated with the id, proposer, calls, vote window and description", async () => {
    const dao = await networkHelpers.loadFixture(deployDelegatedDao);
    const p = payoutProposal(dao, "Pay the outsider 1 MDAO for data labelling");
    assert.equal(await dao.governor.read.hashProposal([p.targets, p.values, p.calldatas, p.descriptionHash]), p.id);
    assert.equal(await dao.governor.read.getProposalId([p.targets, p.values, p.calldatas, p.descriptionHash]), p.id);

    const hash = await propose(dao, p);
    const proposedAt = await txTimestamp(dao, hash);
    const voteStart = proposedAt + TEST_PARAMETERS.votingDelay;
    const voteEnd = voteStart + TEST_PARAMETERS.votingPeriod;
    await viem.assertions.emitWithArgs(hash, dao.governor, "ProposalCreated", [
      p.id,
      dao.alice.account.address,
      (targets: readonly Address[]) => targets.length === 1 && sameAddress(targets[0], dao.treasury.address),
      p.values,
      [""],
      p.calldatas,
      voteStart,
      voteEnd,
      p.description,
    ]);

    assert.equal(await dao.governor.read.state([p.id]), ProposalState.Pending);
    assert.ok(sameAddress(await dao.governor.read.proposalProposer([p.id]), dao.alice.account.address));
    assert.equal(await dao.governor.read.proposalSnapshot([p.id]), voteStart);
    assert.equal(await dao.governor.read.proposalDeadline([p.id]), voteEnd);
    assert.equal(await dao.governor.read.proposalEta([p.id]), 0n);
    assert.equal(await dao.governor.read.proposalNeedsQueuing([p.id]), true);
  });

  it("rejects a proposer below the threshold with GovernorInsufficientProposerVotes", async () => {
    const dao = await networkHelpers.loadFixture(deployDelegatedDao);
    await viem.assertions.revertWithCustomErrorWithArgs(
      propose(dao, payoutProposal(dao, "Outsider proposal"), dao.outsider),
      dao.governor,
      "GovernorInsufficientProposerVotes",
      [dao.outsider.account.address, 0n, TEST_PARAMETERS.proposalThreshold],
    );
  });

  it("lets an account with exactly the threshold propose, and not one with a wei less", async () => {
    const dao = await networkHelpers.loadFixture(deployDelegatedDao);
    const threshold = TEST_PARAMETERS.proposalThreshold;
    const account = fresh.account.address;
    await dao.token.write.delegate([account], { account: fresh.account });
    await dao.token.write.transfer([account, threshold - 1n], { account: dao.alice.account });
    const p = payoutProposal(dao, "Threshold proposal");
    await viem.assertions.revertWithCustomErrorWithArgs(
      propose(dao, p, fresh),
      dao.governor,
      "GovernorInsufficientProposerVotes",
      [account, threshold - 1n, threshold],
    );
    await dao.token.write.transfer([account, 1n], { account: dao.alice.account });
    await viem.assertions.emit(propose(dao, p, fresh), dao.governor, "ProposalCreated");
    assert.ok(sameAddress(await dao.governor.read.proposalProposer([p.id]), account));
  });

  it("rejects proposing the same calls and description twice", async () => {
    const dao = await networkHelpers.loadFixture(deployDelegatedDao);
    const p = payoutProposal(dao, "Duplicate");
    await propose(dao, p);
    await viem.assertions.revertWithCustomErrorWithArgs(
      propose(dao, p, dao.bob),
      dao.governor,
      "GovernorUnexpectedProposalState",
      [p.id, ProposalState.Pending, zeroHash],
    );
  });

  it("rejects an empty proposal and one whose arrays differ in length", async () => {
    const dao = await networkHelpers.loadFixture(deployDelegatedDao);
    await viem.assertions.revertWithCustomErrorWithArgs(
      dao.governor.write.propose([[], [], [], "Empty"], { account: dao.alice.account }),
      dao.governor,
      "GovernorInvalidProposalLength",
      [0n, 0n, 0n],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      dao.governor.write.propose([[dao.treasury.address], [0n, 0n], ["0x"], "Mismatch"], {
        account: dao.alice.account,
      }),
      dao.governor,
      "GovernorInvalidProposalLength",
      [1n, 1n, 2n],
    );
  });

  it("reserves a description ending in #proposer=<address> to that proposer", async () => {
    const dao = await networkHelpers.loadFixture(deployDelegatedDao);
    const p = payoutProposal(dao, `Reserved for alice #proposer=${dao.alice.account.address}`);
    await viem.assertions.revertWithCustomErrorWithArgs(
      propose(dao, p, dao.bob),
      dao.governor,
      "GovernorRestrictedProposer",
      [dao.bob.account.address],
    );
    await viem.assertions.emit(propose(dao, p, dao.alice), dao.governor, "ProposalCreated");
  });
});

describe("Governor: voting", async () => {
  const connection = await network.create();
  const { viem, networkHelpers } = connection;

  /** Fixture: a delegated DAO with one Active proposal by alice. */
  async function activeProposal(conn: typeof connection) {
    const dao = await deployDelegatedDao(conn);
    const p = payoutProposal(dao, "Voting proposal");
    await propose(dao, p);
    await startVoting(dao, p.id);
    return { dao, p };
  }

  it("counts Against, For and Abstain with each voter's weight in proposalVotes", async () => {
    const { dao, p } = await networkHelpers.loadFixture(activeProposal);
    assert.equal(await dao.governor.read.state([p.id]), ProposalState.Active);
    const votes = [
      [dao.alice, Vote.Against, ALICE_TOKENS],
      [dao.bob, Vote.For, BOB_TOKENS],
      [dao.carol, Vote.Abstain, CAROL_TOKENS],
    ] as const;
    for (const [voter, support, weight] of votes) {
      const hash = await dao.governor.write.castVote([p.id, support], { account: voter.account });
      await viem.assertions.emitWithArgs(hash, dao.governor, "VoteCast", [
        voter.account.address,
        p.id,
        support,
        weight,
        "",
      ]);
      assert.equal(await dao.governor.read.hasVoted([p.id, voter.account.address]), true);
    }
    assert.deepEqual(await dao.governor.read.proposalVotes([p.id]), [ALICE_TOKENS, BOB_TOKENS, CAROL_TOKENS]);
    assert.equal(await dao.governor.read.hasVoted([p.id, dao.dave.account.address]), false);
  });

  it("castVoteWithReason carries the reason in VoteCast", async () => {
    const { dao, p } = await networkHelpers.loadFixture(activeProposal);
    const reason = "The labellers did good work";
    await viem.assertions.emitWithArgs(
      dao.governor.write.castVoteWithReason([p.id, Vote.For, reason], { account: dao.bob.account }),
      dao.governor,
      "VoteCast",
      [dao.bob.account.address, p.id, Vote.For, BOB_TOKENS, reason],
    );
    assert.deepEqual(await dao.governor.read.proposalVotes([p.id]), [0n, BOB_TOKENS, 0n]);
  });

  it("castVoteWithReasonAndParams emits VoteCastWithParams when params are given, VoteCast otherwise", async () => {
    const { dao, p } = await networkHelpers.loadFixture(activeProposal);
    await viem.assertions.emitWithArgs(
      dao.governor.write.castVoteWithReasonAndParams([p.id, Vote.Abstain, "abstaining", "0x1234"], {
        account: dao.carol.account,
      }),
      dao.governor,
      "VoteCastWithParams",
      [dao.carol.account.address, p.id, Vote.Abstain, CAROL_TOKENS, "abstaining", "0x1234"],
    );
    await viem.assertions.emitWithArgs(
      dao.governor.write.castVoteWithReasonAndParams([p.id, Vote.For, "no params", "0x"], {
        account: dao.dave.account,
      }),
      dao.governor,
      "VoteCast",
      [dao.dave.account.address, p.id, Vote.For, DAVE_TOKENS, "no params"],
    );
    assert.deepEqual(await dao.governor.read.proposalVotes([p.id]), [0n, DAVE_TOKENS, CAROL_TOKENS]);
  });

  it("castVoteBySig counts a relayed Ballot signature for the signer, and its replay fails", async () => {
    const { dao, p } = await networkHelpers.loadFixture(activeProposal);
    const bob = dao.bob.account.address;
    const domain = await eip712DomainOf(dao.governor);
    assert.equal(domain.name, "ModelDAO Governor");
    assert.equal(domain.version, "1");
    assert.ok(sameAddress(domain.verifyingContract, dao.governor.address));

    const signature = await signBallot(dao, dao.bob, p.id, Vote.For, bob);
    const hash = await dao.governor.write.castVoteBySig([p.id, Vote.For, bob, signature], {
      account: dao.outsider.account,
    });
    await viem.assertions.emitWithArgs(hash, dao.governor, "VoteCast", [bob, p.id, Vote.For, BOB_TOKENS, ""]);
    assert.equal(await dao.governor.read.hasVoted([p.id, bob]), true);
    assert.equal(await dao.governor.read.hasVoted([p.id, dao.outsider.account.address]), false);
    assert.equal(await dao.governor.read.nonces([bob]), 1n);

    await viem.assertions.revertWithCustomErrorWithArgs(
      dao.governor.write.castVoteBySig([p.id, Vote.For, bob, signature], { account: dao.outsider.account }),
      dao.governor,
      "GovernorInvalidSignature",
      [bob],
    );
    assert.deepEqual(await dao.governor.read.proposalVotes([p.id]), [0n, BOB_TOKENS, 0n]);
  });

  it("castVoteBySig rejects a Ballot signed by someone other than the voter", async () => {
    const { dao, p } = await networkHelpers.loadFixture(activeProposal);
    const bob = dao.bob.account.address;
    const signature = await signBallot(dao, dao.carol, p.id, Vote.Against, bob);
    await viem.assertions.revertWithCustomErrorWithArgs(
      dao.governor.write.castVoteBySig([p.id, Vote.Against, bob, signature], { account: dao.carol.account }),
      dao.governor,
      "GovernorInvalidSignature",
      [bob],
    );
    assert.equal(await dao.governor.read.hasVoted([p.id, bob]), false);
  });

  it("castVoteWithReasonAndParamsBySig counts an ExtendedBallot signature with its reason", async () => {
    const { dao, p } = await networkHelpers.loadFixture(activeProposal);
    const dave = dao.dave.account.address;
    const reason = "signed reason";
    const params: Hex = "0x";
    const signature = await dao.dave.signTypedData({
      domain: await eip712DomainOf(dao.governor),
      types: EXTENDED_BALLOT_TYPES,
      primaryType: "ExtendedBallot",
      message: { proposalId: p.id, support: Vote.Against, voter: dave, nonce: 0n, reason, params },
    });
    await viem.assertions.emitWithArgs(
      dao.governor.write.castVoteWithReasonAndParamsBySig([p.id, Vote.Against, dave, reason, params, signature], {
        account: dao.outsider.account,
      }),
      dao.governor,
      "VoteCast",
      [dave, p.id, Vote.Against, DAVE_TOKENS, reason],
    );
    assert.deepEqual(await dao.governor.read.proposalVotes([p.id]), [DAVE_TOKENS, 0n, 0n]);
  });

  it("rejects a second vote from the same voter, directly or by signature", async () => {
    const { dao, p } = await networkHelpers.loadFixture(activeProposal);
    const alice = dao.alice.account.address;
    await dao.governor.write.castVote([p.id, Vote.For], { account: dao.alice.account });
    await viem.assertions.revertWithCustomErrorWithArgs(
      dao.governor.write.castVote([p.id, Vote.Against], { account: dao.alice.account }),
      dao.governor,
      "GovernorAlreadyCastVote",
      [alice],
    );
    const signature = await signBallot(dao, dao.alice, p.id, Vote.Against, alice);
    await viem.assertions.revertWithCustomErrorWithArgs(
      dao.governor.write.castVoteBySig([p.id, Vote.Against, alice, signature], { account: dao.outsider.account }),
      dao.governor,
      "GovernorAlreadyCastVote",
      [alice],
    );
    assert.deepEqual(await dao.governor.read.proposalVotes([p.id]), [0n, ALICE_TOKENS, 0n]);
  });

  it("rejects votes before the vote starts and after it ends", async () => {
    const dao = await networkHelpers.loadFixture(deployDelegatedDao);
    const p = payoutProposal(dao, "Too early, too late");
    await propose(dao, p);
    const onlyActive = stateBitmap(ProposalState.Active);
    await viem.assertions.revertWithCustomErrorWithArgs(
      dao.governor.write.castVote([p.id, Vote.For], { account: dao.bob.account }),
      dao.governor,
      "GovernorUnexpectedProposalState",
      [p.id, ProposalState.Pending, onlyActive],
    );
    await endVoting(dao, p.id);
    await viem.assertions.revertWithCustomErrorWithArgs(
      dao.governor.write.castVote([p.id, Vote.For], { account: dao.bob.account }),
      dao.governor,
      "GovernorUnexpectedProposalState",
      [p.id, ProposalState.Defeated, onlyActive],
    );
  });

  it("rejects a support value other than 0, 1 or 2 with GovernorInvalidVoteType", async () => {
    const { dao, p } = await networkHelpers.loadFixture(activeProposal);
    await viem.assertions.revertWithCustomError(
      dao.governor.write.castVote([p.id, 3], { account: dao.alice.account }),
      dao.governor,
      "GovernorInvalidVoteType",
    );
    assert.equal(await dao.governor.read.hasVoted([p.id, dao.alice.account.address]), false);
  });

  it("rejects a vote on a proposal that does not exist", async () => {
    const dao = await networkHelpers.loadFixture(deployDelegatedDao);
    const unknown = buildProposal([{ target: dao.treasury.address, data: "0x" }], "never proposed").id;
    await viem.assertions.revertWithCustomErrorWithArgs(
      dao.governor.write.castVote([unknown, Vote.For], { account: dao.alice.account }),
      dao.governor,
      "GovernorNonexistentProposal",
      [unknown],
    );
  });
});

describe("Governor: votes are weighed at the proposal snapshot", async () => {
  const connection = await network.create();
  const { viem, networkHelpers } = connection;
  const wallets = await connection.viem.getWalletClients();
  const newcomer = wallets[8];

  it("gives zero weight to tokens received and delegated after the snapshot (flash-loan style)", async () => {
    const dao = await networkHelpers.loadFixture(deployDelegatedDao);
    const p = payoutProposal(dao, "Snapshot proposal");
    await propose(dao, p);
    await startVoting(dao, p.id);
    const snapshot = await dao.governor.read.proposalSnapshot([p.id]);

    const borrowed = parseEther("300000");
    await dao.token.write.transfer([newcomer.account.address, borrowed], { account: dao.alice.account });
    await dao.token.write.delegate([newcomer.account.address], { account: newcomer.account });
    assert.equal(await dao.token.read.getVotes([newcomer.account.address]), borrowed);
    assert.equal(await dao.governor.read.getVotes([newcomer.account.address, snapshot]), 0n);

    await viem.assertions.emitWithArgs(
      dao.governor.write.castVote([p.id, Vote.Against], { account: newcomer.account }),
      dao.governor,
      "VoteCast",
      [newcomer.account.address, p.id, Vote.Against, 0n, ""],
    );
    // alice still votes with her whole balance at the snapshot, though she now holds less.
    assert.equal(await dao.token.read.getVotes([dao.alice.account.address]), ALICE_TOKENS - borrowed);
    assert.equal(await dao.token.read.getPastVotes([dao.alice.account.address, snapshot]), ALICE_TOKENS);
    await viem.assertions.emitWithArgs(
      dao.governor.write.castVote([p.id, Vote.For], { account: dao.alice.account }),
      dao.governor,
      "VoteCast",
      [dao.alice.account.address, p.id, Vote.For, ALICE_TOKENS, ""],
    );
    assert.deepEqual(await dao.governor.read.proposalVotes([p.id]), [0n, ALICE_TOKENS, 0n]);
  });

  it("counts a checkpoint at exactly the snapshot timestamp, and not one a second later", async () => {
    const dao = await networkHelpers.loadFixture(deployDelegatedDao);
    const p = payoutProposal(dao, "Snapshot boundary");
    const account = newcomer.account.address;
    await dao.token.write.delegate([account], { account: newcomer.account });
    await propose(dao, p);
    const snapshot = await dao.governor.read.proposalSnapshot([p.id]);

    await networkHelpers.time.setNextBlockTimestamp(snapshot);
    const atSnapshot = await dao.token.write.transfer([account, parseEther("10000")], {
      account: dao.alice.account,
    });
    assert.equal(await txTimestamp(dao, atSnapshot), snapshot);
    const afterSnapshot = await dao.token.write.transfer([account, parseEther("20000")], {
      account: dao.alice.account,
    });
    assert.equal(await txTimestamp(dao, afterSnapshot), snapshot + 1n);

    const hash = await dao.governor.write.castVote([p.id, Vote.For], { account: newcomer.account });
    const [cast] = parseEventLogs({
      abi: dao.governor.abi,
      eventName: "VoteCast",
      logs: await logsFrom(dao, hash, dao.governor.address),
    });
    assert.equal(cast.args.weight, parseEther("10000"));
    assert.equal(await dao.token.read.getPastVotes([account, snapshot]), parseEther("10000"));
  });
});
