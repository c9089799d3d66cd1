// Reads proposals and votes from the ModelDAO subgraph (VITE_SUBGRAPH_URL) through the framework-free client in
// subgraph/client/queries.ts, and returns exactly what the RPC reader returns (`Proposal`, `Vote` of
// proposalLogic.ts): the state is derived with the client's `proposalState` at the chain head's timestamp, so the two
// readers agree (test/subgraph/agreement.test.ts checks it against a live local chain). Lists are paged: a page is
// one GraphQL request, never the whole history. Also here: the pure rule that decides whether the indexer is healthy
// enough to read from (hooks.ts: useReadSource).
import { getAddress, type Hash, type Hex } from "viem";
import {
  fetchMeta,
  fetchProposal,
  fetchProposalsPage,
  fetchVotesPage,
  MAX_PAGE,
  proposalState,
  SubgraphError,
  type Proposal as SubgraphProposal,
  type Vote as SubgraphVote,
} from "../../../../subgraph/client/queries.ts";
import type { Proposal, Vote } from "./proposalLogic.ts";
import type { GovernanceReader, Page } from "./rpcReader.ts";

export type { SubgraphProposal, SubgraphVote };

const num = (value: string) => Number(value);
const numOrNull = (value: string | null) => (value === null ? null : Number(value));

/**
 * A subgraph proposal as the dApp's `Proposal`, at `now` (the chain head's timestamp, unix seconds). `voteEnd` is the
 * deadline at creation and `extendedTo` the late-quorum deadline, as the RPC reader reports them; `quorum` is null
 * while the snapshot is not in the past, as the Governor's `quorum()` cannot answer then.
 */
export function proposalFromSubgraph(p: SubgraphProposal, now: number): Proposal {
  const voteStart = num(p.voteStart);
  return {
    id: BigInt(p.id),
    proposer: getAddress(p.proposer.id),
    description: p.description,
    targets: p.targets.map((target) => getAddress(target)),
    values: p.values.map((value) => BigInt(value)),
    calldatas: p.calldatas as Hex[],
    signatures: [...p.signatures],
    voteStart,
    voteEnd: num(p.originalVoteEnd),
    createdBlock: BigInt(p.createdBlock),
    createdAt: num(p.createdAt),
    createdTx: p.createdTx as Hash,
    state: proposalState(p, now),
    tally: { for: BigInt(p.forVotes), against: BigInt(p.againstVotes), abstain: BigInt(p.abstainVotes) },
    quorum: voteStart < now ? BigInt(p.quorum) : null,
    eta: numOrNull(p.eta),
    queuedAt: numOrNull(p.queuedAt),
    executedAt: numOrNull(p.executedAt),
    canceledAt: numOrNull(p.canceledAt),
    extendedTo: numOrNull(p.extendedDeadline),
  };
}

export function voteFromSubgraph(v: SubgraphVote): Vote {
  return {
    proposalId: BigInt(v.proposal.id),
    voter: getAddress(v.voter.id),
    support: v.support,
    weight: BigInt(v.weight),
    reason: v.reason,
    blockNumber: BigInt(v.block),
    txHash: v.tx as Hash,
  };
}

/** Reads a page of any size as requests of at most MAX_PAGE (graph-node's cap on `first`). */
async function readPaged<T>(page: Page | undefined, fetchPage: (first: number, skip: number) => Promise<T[]>) {
  const wanted = page ? page.first : Infinity;
  const items: T[] = [];
  for (let skip = page?.skip ?? 0; items.length < wanted;) {
    const first = Math.min(MAX_PAGE, wanted - items.length);
    const chunk = await fetchPage(first, skip);
    items.push(...chunk);
    if (chunk.length < first) break;
    skip += chunk.length;
  }
  return items;
}

/**
 * A GovernanceReader over the subgraph at `url`. `now` gives the chain head's timestamp (the Governor's clock), which
 * decides Pending / Active / Defeated / Succeeded.
 */
export function createSubgraphGovernanceReader(
  url: string,
  now: () => Promise<number>,
  options: { fetch?: typeof fetch } = {},
): GovernanceReader {
  const client = { url, fetch: options.fetch };
  return {
    async listProposals(page) {
      const [proposals, time] = await Promise.all([
        readPaged(page, (first, skip) => fetchProposalsPage(client, { first, skip })),
        now(),
      ]);
      return proposals.map((p) => proposalFromSubgraph(p, time));
    },
    async getProposal(id) {
      const [proposal, time] = await Promise.all([fetchProposal(client, id.toString()), now()]);
      return proposal ? proposalFromSubgraph(proposal, time) : null;
    },
    async listVotes(proposalId, page) {
      const votes = await readPaged(page, (first, skip) =>
        fetchVotesPage(client, proposalId.toString(), { first, skip }),
      );
      return votes.map(voteFromSubgraph);
    },
  };
}

/** How far (in blocks) the indexer may trail the chain head before the dApp reads the chain instead. */
export const MAX_INDEXER_LAG = 5;

export type IndexerMeta = { block: { number: number }; hasIndexingErrors: boolean };

export type ReadSource = {
  source: "subgraph" | "rpc";
  /** Why: the dApp reads the indexer only when it is `healthy`. */
  status: "disabled" | "healthy" | "behind" | "indexing-errors" | "unreachable" | "error" | "head-unknown";
  /** One line for the people using the dApp; null when there is nothing to say. */
  notice: string | null;
};

/**
 * Whether to read through the subgraph: only when one is configured, it answered `_meta`, reports no indexing errors
 * and its block is at most `maxLag` blocks behind the chain head. Everything else reads the chain, with a notice
 * saying why. (Without a known head the chain node is down, which the network banner already says.)
 */
export function decideReadSource(input: {
  url: string | null;
  meta?: IndexerMeta | null;
  error?: unknown;
  headNumber: bigint | number | null;
  maxLag?: number;
}): ReadSource {
  const { url, meta, error, headNumber, maxLag = MAX_INDEXER_LAG } = input;
  const rpc = (status: ReadSource["status"], notice: string | null): ReadSource => ({ source: "rpc", status, notice });
  if (!url) return rpc("disabled", null);
  if (error !== undefined || !meta) {
    if (error instanceof SubgraphError && error.status !== undefined)
      return rpc(
        "error",
        `The indexer at ${url} answered with an error (${error.message}): reading the chain directly.`,
      );
    return rpc("unreachable", `The indexer at ${url} is unreachable: reading the chain directly.`);
  }
  if (meta.hasIndexingErrors)
    return rpc("indexing-errors", `The indexer at ${url} reports indexing errors: reading the chain directly.`);
  if (headNumber === null) return rpc("head-unknown", null);
  const head = BigInt(headNumber);
  const indexed = BigInt(meta.block.number);
  if (head - indexed > BigInt(maxLag))
    return rpc("behind", `The indexer is behind the chain (block ${indexed} vs ${head}): reading the chain directly.`);
  return { source: "subgraph", status: "healthy", notice: null };
}

/** Asks the indexer for `_meta` and the chain for its head, then decides (never throws). */
export async function checkReadSource(
  url: string | null,
  headNumber: () => Promise<bigint>,
  options: { fetch?: typeof fetch; timeoutMs?: number; maxLag?: number } = {},
): Promise<ReadSource> {
  if (!url) return decideReadSource({ url, headNumber: null });
  const [meta, head] = await Promise.allSettled([
    fetchMeta({ url, fetch: options.fetch, signal: AbortSignal.timeout(options.timeoutMs ?? 5_000) }),
    headNumber(),
  ]);
  return decideReadSource({
    url,
    meta: meta.status === "fulfilled" ? meta.value : null,
    error: meta.status === "rejected" ? meta.reason : undefined,
    headNumber: head.status === "fulfilled" ? head.value : null,
    maxLag: options.maxLag,
  });
}
