// The dApp's two governance readers agree. A real seeded local stack is started exactly as `npm run
// subgraph:fixtures` starts it (scripts/subgraph/record-fixtures.ts: startStack, extend, record), its logs are recorded
// live and fed through the compiled mappings (host.ts); the resulting store entities are turned into the GraphQL
// shapes subgraph/client/queries.ts receives and through the subgraph reader's conversions, and the RPC reader reads
// the same live node. Every proposal's id, state, tallies, quorum, ETA, deadlines and every vote must be equal.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { createPublicClient, http, type PublicClient } from "viem";
import { hardhat } from "viem/chains";
import type { Deployment } from "../../scripts/lib/deployments.ts";
import { startGraphqlStub, type GraphqlStub } from "../../scripts/subgraph/graphql-stub.ts";
import { extend, record, startStack, type RecordedRun } from "../../scripts/subgraph/record-fixtures.ts";
import {
  PROPOSAL_FIELDS,
  VOTE_FIELDS,
  type Proposal as SubgraphProposal,
  type Vote as SubgraphVote,
} from "../../subgraph/client/queries.ts";
import type { Proposal, Vote } from "../../web/src/features/governance/proposalLogic.ts";
import { createRpcGovernanceReader, type GovernanceReader } from "../../web/src/features/governance/rpcReader.ts";
import {
  checkReadSource,
  createSubgraphGovernanceReader,
  proposalFromSubgraph,
  voteFromSubgraph,
} from "../../web/src/features/governance/subgraphReader.ts";
import { compileMappings, SubgraphHost, type Fixture, type StoredEntity, type StoreValue } from "./host.ts";

/** The fields of a client selection ("id proposer { id } targets …"): references are `name { id }`. */
function selection(fields: string) {
  return [...fields.matchAll(/(\w+)(\s*\{\s*id\s*\})?/g)].map((m) => ({ name: m[1], reference: Boolean(m[2]) }));
}

/** A stored entity as graph-node would answer the client's selection: BigInt as strings, absent fields as null. */
function asGraphQL<T>(entity: StoredEntity, fields: string): T {
  const plain = (value: StoreValue): unknown =>
    typeof value === "bigint" ? value.toString() : Array.isArray(value) ? value.map(plain) : value;
  const out: Record<string, unknown> = {};
  for (const { name, reference } of selection(fields)) {
    const value = entity[name];
    if (value === undefined || value === null) out[name] = null;
    else out[name] = reference ? { id: value } : plain(value);
  }
  return out as T;
}

const byVoter = (a: Vote, b: Vote) => a.voter.localeCompare(b.voter);

let scratch = "";
let stop: (() => Promise<void>) | null = null;
let deployment: Deployment;
let run: RecordedRun;
let host: SubgraphHost;
let client: PublicClient;
let rpc: GovernanceReader;
let now: number;
let head: bigint;
let stub: GraphqlStub;
let subgraphProposals: SubgraphProposal[];
let subgraphVotes: SubgraphVote[];

before(async () => {
  scratch = mkdtempSync(path.join(tmpdir(), "modeldao-agreement-"));
  const [stack, wasm] = await Promise.all([startStack(scratch), compileMappings()]);
  stop = stack.stop;
  deployment = stack.deployment;
  await extend(deployment, () => {});
  run = await record(deployment);
  host = new SubgraphHost(wasm);
  for (const log of run.logs) host.feed(log, run as unknown as Fixture);

  client = createPublicClient({
    chain: { ...hardhat, id: deployment.chainId },
    transport: http(deployment.rpcUrl),
  }) as PublicClient;
  const block = await client.getBlock({ blockTag: "latest" });
  now = Number(block.timestamp);
  head = block.number;
  rpc = createRpcGovernanceReader(client, deployment.contracts.governor, BigInt(deployment.startBlock));
  subgraphProposals = host.entities("Proposal").map((p) => asGraphQL<SubgraphProposal>(p, PROPOSAL_FIELDS));
  subgraphVotes = host.entities("Vote").map((v) => asGraphQL<SubgraphVote>(v, VOTE_FIELDS));
  stub = await startGraphqlStub({
    proposals: subgraphProposals,
    votes: subgraphVotes,
    meta: { block: { number: Number(head), timestamp: now }, hasIndexingErrors: false },
  });
});

after(async () => {
  await stub?.close();
  await stop?.();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe("the RPC reader and the subgraph agree on a live seeded chain", () => {
  it("on every proposal: id, state, tallies, quorum, ETA, deadlines and every other field", async () => {
    const fromChain = await rpc.listProposals();
    const fromSubgraph = subgraphProposals.map((p) => proposalFromSubgraph(p, now));
    assert.ok(fromChain.length >= 6, `${fromChain.length} proposals on the chain`);
    assert.deepEqual(fromSubgraph.map((p) => p.id).sort(), fromChain.map((p) => p.id).sort());
    const states = new Set(fromChain.map((p) => p.state));
    for (const state of ["Active", "Defeated", "Executed"] as const) assert.ok(states.has(state), `a ${state} one`);
    assert.ok(
      fromChain.some((p) => p.extendedTo !== null),
      "a late-quorum extension",
    );
    for (const chainProposal of fromChain) {
      const indexed = fromSubgraph.find((p) => p.id === chainProposal.id)!;
      const pick = (p: Proposal) => ({
        id: p.id,
        state: p.state,
        tally: p.tally,
        quorum: p.quorum,
        eta: p.eta,
        voteStart: p.voteStart,
        voteEnd: p.voteEnd,
        extendedTo: p.extendedTo,
      });
      assert.deepEqual(pick(indexed), pick(chainProposal), `the essentials of ${chainProposal.id}`);
      assert.deepEqual(indexed, chainProposal, `everything about ${chainProposal.id}`);
    }
  });

  it("on every vote: voter, support, weight, reason, block and transaction", async () => {
    let total = 0;
    for (const p of subgraphProposals) {
      const id = BigInt(p.id);
      const fromChain = (await rpc.listVotes(id)).sort(byVoter);
      const fromSubgraph = subgraphVotes
        .filter((v) => v.proposal.id === p.id)
        .map(voteFromSubgraph)
        .sort(byVoter);
      assert.deepEqual(fromSubgraph, fromChain, `votes on ${p.id}`);
      total += fromChain.length;
    }
    assert.ok(total >= 12, `${total} votes compared`);
    assert.ok(
      subgraphVotes.some((v) => v.reason.includes("modeldao-eval:v1")),
      "votes carrying receipts are among them",
    );
  });

  it("through the subgraph reader over HTTP too, page by page, in the same order", async () => {
    const reader = createSubgraphGovernanceReader(stub.url, async () => now);
    assert.deepEqual(await reader.listProposals(), await rpc.listProposals());
    const page = { first: 3, skip: 1 };
    assert.deepEqual(await reader.listProposals(page), await rpc.listProposals(page));
    for (const p of subgraphProposals) {
      const id = BigInt(p.id);
      assert.deepEqual(await reader.getProposal(id), await rpc.getProposal(id), `proposal ${p.id}`);
      const [indexed, onChain] = await Promise.all([reader.listVotes(id), rpc.listVotes(id)]);
      // Heaviest first in both; equal weights may come in either order.
      assert.deepEqual(
        indexed.map((v) => v.weight),
        onChain.map((v) => v.weight),
      );
      assert.deepEqual([...indexed].sort(byVoter), [...onChain].sort(byVoter));
      const top = await reader.listVotes(id, { first: 2 });
      assert.deepEqual(
        top.map((v) => v.weight),
        onChain.slice(0, 2).map((v) => v.weight),
      );
    }
    assert.equal(await reader.getProposal(123n), null);
    assert.equal(await rpc.getProposal(123n), null);
  });

  it("reads the subgraph only while it is healthy, and says why not", async () => {
    const headNumber = async () => head;
    assert.equal((await checkReadSource(stub.url, headNumber)).source, "subgraph");
    stub.meta = { ...stub.meta, block: { ...stub.meta.block, number: Number(head) - 6 } };
    const behind = await checkReadSource(stub.url, headNumber);
    assert.equal(behind.source, "rpc");
    assert.equal(
      behind.notice,
      `The indexer is behind the chain (block ${head - 6n} vs ${head}): reading the chain directly.`,
    );
    stub.meta = { ...stub.meta, block: { ...stub.meta.block, number: Number(head) }, hasIndexingErrors: true };
    assert.equal((await checkReadSource(stub.url, headNumber)).status, "indexing-errors");
    stub.meta = { ...stub.meta, hasIndexingErrors: false };
    const url = stub.url;
    await stub.close();
    const down = await checkReadSource(url, headNumber);
    assert.equal(down.source, "rpc");
    assert.equal(down.notice, `The indexer at ${url} is unreachable: reading the chain directly.`);
  });
});
