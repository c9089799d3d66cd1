import { describe, expect, it } from "vitest";
import { SubgraphError } from "../../../subgraph/client/queries.ts";
import {
  checkReadSource,
  createSubgraphGovernanceReader,
  decideReadSource,
  MAX_INDEXER_LAG,
  proposalFromSubgraph,
  voteFromSubgraph,
  type SubgraphProposal,
  type SubgraphVote,
} from "../../src/features/governance/subgraphReader.ts";

const proposer = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
const target = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
const voter = "0x90f79bf6eb2c4f870365e785982e1f101e93b906";
const tx = `0x${"ab".repeat(32)}` as const;

function subgraphProposal(overrides: Partial<SubgraphProposal> = {}): SubgraphProposal {
  return {
    id: "42",
    proposer: { id: proposer },
    targets: [target],
    values: ["0"],
    signatures: [""],
    calldatas: ["0xdeadbeef"],
    description: "# Upgrade digits\n\nBody",
    title: "Upgrade digits",
    voteStart: "1000",
    voteEnd: "2000",
    originalVoteEnd: "2000",
    extendedDeadline: null,
    createdAt: "900",
    createdBlock: "17",
    createdTx: tx,
    status: "CREATED",
    forVotes: "600",
    againstVotes: "100",
    abstainVotes: "0",
    voteCount: 2,
    quorum: "400",
    eta: null,
    queuedAt: null,
    executedAt: null,
    canceledAt: null,
    canceledBy: null,
    ...overrides,
  };
}

function subgraphVote(overrides: Partial<SubgraphVote> = {}): SubgraphVote {
  return {
    id: `42-${voter}`,
    proposal: { id: "42" },
    voter: { id: voter },
    support: 1,
    weight: "325000000000000000000000",
    reason: "Checked.\nmodeldao-eval:v1 {}",
    params: null,
    timestamp: "1500",
    block: "25",
    tx,
    hasReceipt: true,
    receiptModel: null,
    receiptVersion: null,
    receiptCid: null,
    receiptDatasetCid: null,
    receiptSamples: null,
    receiptBackend: null,
    receiptCandidateAccuracyBps: null,
    receiptActiveAccuracyBps: null,
    ...overrides,
  };
}

describe("proposalFromSubgraph", () => {
  it("gives the RPC reader's Proposal: bigints, numbers, checksummed addresses, state at `now`", () => {
    expect(proposalFromSubgraph(subgraphProposal(), 1500)).toEqual({
      id: 42n,
      proposer: "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
      description: "# Upgrade digits\n\nBody",
      targets: ["0x5FbDB2315678afecb367f032d93F642f64180aa3"],
      values: [0n],
      calldatas: ["0xdeadbeef"],
      signatures: [""],
      voteStart: 1000,
      voteEnd: 2000,
      createdBlock: 17n,
      createdAt: 900,
      createdTx: tx,
      state: "Active",
      tally: { for: 600n, against: 100n, abstain: 0n },
      quorum: 400n,
      eta: null,
      queuedAt: null,
      executedAt: null,
      canceledAt: null,
      extendedTo: null,
    });
  });

  it("derives the state from the clock and the tallies, and what events said", () => {
    const p = subgraphProposal();
    expect(proposalFromSubgraph(p, 1000).state).toBe("Pending");
    expect(proposalFromSubgraph(p, 2000).state).toBe("Active");
    expect(proposalFromSubgraph(p, 2001).state).toBe("Succeeded");
    expect(proposalFromSubgraph({ ...p, forVotes: "300" }, 2001).state).toBe("Defeated");
    expect(proposalFromSubgraph({ ...p, status: "QUEUED", eta: "3000" }, 2001)).toMatchObject({
      state: "Queued",
      eta: 3000,
    });
    expect(proposalFromSubgraph({ ...p, status: "EXECUTED", executedAt: "3100" }, 3200)).toMatchObject({
      state: "Executed",
      executedAt: 3100,
    });
    expect(proposalFromSubgraph({ ...p, status: "CANCELED", canceledAt: "950" }, 960).state).toBe("Canceled");
  });

  it("keeps the original deadline as voteEnd and the extension as extendedTo; the state uses the extension", () => {
    const extended = subgraphProposal({ voteEnd: "2600", originalVoteEnd: "2000", extendedDeadline: "2600" });
    expect(proposalFromSubgraph(extended, 2300)).toMatchObject({ voteEnd: 2000, extendedTo: 2600, state: "Active" });
  });

  it("has no quorum before the snapshot, as the Governor's quorum() cannot answer then", () => {
    expect(proposalFromSubgraph(subgraphProposal(), 999).quorum).toBeNull();
    expect(proposalFromSubgraph(subgraphProposal(), 1000).quorum).toBeNull();
    expect(proposalFromSubgraph(subgraphProposal(), 1001).quorum).toBe(400n);
  });
});

describe("voteFromSubgraph", () => {
  it("gives the RPC reader's Vote", () => {
    expect(voteFromSubgraph(subgraphVote())).toEqual({
      proposalId: 42n,
      voter: "0x90F79bf6EB2c4f870365E785982E1f101E93b906",
      support: 1,
      weight: 325_000n * 10n ** 18n,
      reason: "Checked.\nmodeldao-eval:v1 {}",
      blockNumber: 25n,
      txHash: tx,
    });
  });
});

describe("decideReadSource (the health rule)", () => {
  const url = "https://indexer.example/subgraphs/name/modeldao";
  const meta = (number: number, hasIndexingErrors = false) => ({ block: { number }, hasIndexingErrors });

  it("reads the chain, silently, without a subgraph", () => {
    expect(decideReadSource({ url: null, headNumber: 100n })).toEqual({
      source: "rpc",
      status: "disabled",
      notice: null,
    });
  });

  it("reads the subgraph when it is at most MAX_INDEXER_LAG blocks behind, or ahead", () => {
    expect(MAX_INDEXER_LAG).toBe(5);
    for (const indexed of [100, 99, 95, 101]) {
      expect(decideReadSource({ url, meta: meta(indexed), headNumber: 100n })).toEqual({
        source: "subgraph",
        status: "healthy",
        notice: null,
      });
    }
  });

  it("reads the chain when the indexer is behind, saying by how much", () => {
    expect(decideReadSource({ url, meta: meta(94), headNumber: 100n })).toEqual({
      source: "rpc",
      status: "behind",
      notice: "The indexer is behind the chain (block 94 vs 100): reading the chain directly.",
    });
    expect(decideReadSource({ url, meta: meta(97), headNumber: 100n, maxLag: 2 }).status).toBe("behind");
  });

  it("reads the chain when the indexer is unreachable", () => {
    const notice = `The indexer at ${url} is unreachable: reading the chain directly.`;
    const unreachable = new SubgraphError(`subgraph unreachable at ${url}: fetch failed`);
    expect(decideReadSource({ url, error: unreachable, headNumber: 100n })).toEqual({
      source: "rpc",
      status: "unreachable",
      notice,
    });
    expect(decideReadSource({ url, error: new TypeError("fetch failed"), headNumber: 100n }).notice).toBe(notice);
  });

  it("reads the chain when the indexer answers with an error", () => {
    const decision = decideReadSource({
      url,
      error: new SubgraphError("subgraph answered HTTP 502", 502),
      headNumber: 1,
    });
    expect(decision).toMatchObject({ source: "rpc", status: "error" });
    expect(decision.notice).toBe(
      `The indexer at ${url} answered with an error (subgraph answered HTTP 502): reading the chain directly.`,
    );
  });

  it("reads the chain when the indexer reports indexing errors, even when it is at the head", () => {
    expect(decideReadSource({ url, meta: meta(100, true), headNumber: 100n })).toEqual({
      source: "rpc",
      status: "indexing-errors",
      notice: `The indexer at ${url} reports indexing errors: reading the chain directly.`,
    });
  });

  it("reads the chain without a notice of its own when the chain head is unknown (the network banner speaks)", () => {
    expect(decideReadSource({ url, meta: meta(100), headNumber: null })).toEqual({
      source: "rpc",
      status: "head-unknown",
      notice: null,
    });
  });
});

/** A fetch that answers GraphQL requests by operation name, recording them. */
function fakeFetch(answers: Record<string, (variables: Record<string, unknown>) => unknown>) {
  const requests: { operation: string; variables: Record<string, unknown> }[] = [];
  const fetch = (async (_url: string, init: RequestInit) => {
    const { query, variables } = JSON.parse(String(init.body)) as {
      query: string;
      variables: Record<string, unknown>;
    };
    const operation = /query\s+(\w+)/.exec(query)![1];
    requests.push({ operation, variables });
    const answer = answers[operation];
    if (!answer) return new Response("unknown", { status: 400 });
    return new Response(JSON.stringify({ data: answer(variables) }), { status: 200 });
  }) as typeof globalThis.fetch;
  return { fetch, requests };
}

describe("createSubgraphGovernanceReader", () => {
  it("asks for one page only, newest first, and converts it at the chain's time", async () => {
    const all = Array.from({ length: 120 }, (_, i) => subgraphProposal({ id: String(i + 1), createdAt: String(i) }));
    const { fetch, requests } = fakeFetch({
      Proposals: ({ first, skip }) => ({ proposals: all.slice(Number(skip), Number(skip) + Number(first)) }),
    });
    const reader = createSubgraphGovernanceReader("http://indexer", async () => 2001, { fetch });
    const page = await reader.listProposals({ first: 50 });
    expect(page).toHaveLength(50);
    expect(page[0]).toMatchObject({ id: 1n, state: "Succeeded" });
    expect(requests).toEqual([{ operation: "Proposals", variables: { first: 50, skip: 0 } }]);
    requests.length = 0;
    expect(await reader.listProposals()).toHaveLength(120);
    expect(requests.map((r) => r.variables)).toEqual([{ first: 1000, skip: 0 }]);
  });

  it("splits a page larger than graph-node's cap and reads votes heaviest first", async () => {
    const votes = Array.from({ length: 1500 }, (_, i) => subgraphVote({ id: String(i) }));
    const { fetch, requests } = fakeFetch({
      VotesByWeight: ({ first, skip }) => ({ votes: votes.slice(Number(skip), Number(skip) + Number(first)) }),
      Proposal: ({ id }) => ({ proposal: id === "42" ? subgraphProposal() : null }),
    });
    const reader = createSubgraphGovernanceReader("http://indexer", async () => 1500, { fetch });
    expect(await reader.listVotes(42n, { first: 1200, skip: 100 })).toHaveLength(1200);
    expect(requests.map((r) => r.variables)).toEqual([
      { proposal: "42", first: 1000, skip: 100 },
      { proposal: "42", first: 200, skip: 1100 },
    ]);
    expect(await reader.getProposal(42n)).toMatchObject({ id: 42n, state: "Active" });
    expect(await reader.getProposal(7n)).toBeNull();
  });
});

describe("checkReadSource", () => {
  it("asks _meta and the head, and never throws", async () => {
    const { fetch } = fakeFetch({
      Meta: () => ({ _meta: { block: { number: 90, timestamp: 1 }, hasIndexingErrors: false } }),
    });
    expect((await checkReadSource("http://indexer", async () => 100n, { fetch })).status).toBe("behind");
    expect((await checkReadSource("http://indexer", async () => 92n, { fetch })).source).toBe("subgraph");
    const down = (async () => {
      throw new TypeError("fetch failed");
    }) as typeof globalThis.fetch;
    expect(await checkReadSource("http://indexer", async () => 92n, { fetch: down })).toMatchObject({
      source: "rpc",
      status: "unreachable",
    });
    expect((await checkReadSource(null, async () => 92n)).status).toBe("disabled");
  });
});
