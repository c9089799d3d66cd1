// Reads proposals and votes straight from the chain: Governor events in bounded block ranges plus the Governor's
// own view of state, tallies and quorum. The subgraph reader (when VITE_SUBGRAPH_URL is set) answers the same
// questions with the same types.
import type { GetContractEventsReturnType, Hash, PublicClient } from "viem";
import { abis } from "../../contracts/abis.ts";
import { getEventsChunked } from "../../shared/chain/logs.ts";
import { PROPOSAL_STATES, type Proposal, type Vote } from "./proposalLogic.ts";

type ProposalCreatedLog = GetContractEventsReturnType<typeof abis.governor, "ProposalCreated", true>[number];

/** A slice of a list: `first` items after skipping `skip` (newest proposals first, heaviest votes first). */
export type Page = { first: number; skip?: number };

export type GovernanceReader = {
  /** Proposals, newest first; all of them without `page`. */
  listProposals(page?: Page): Promise<Proposal[]>;
  /** One proposal, or null when the Governor has none with that id. */
  getProposal(id: bigint): Promise<Proposal | null>;
  /** A proposal's votes, heaviest first; all of them without `page`. */
  listVotes(proposalId: bigint, page?: Page): Promise<Vote[]>;
};

/** The items of `page` in an already ordered list (all of them without a page). */
export function slicePage<T>(items: T[], page?: Page): T[] {
  if (!page) return items;
  const skip = page.skip ?? 0;
  return items.slice(skip, skip + page.first);
}

const newestFirst = (a: { blockNumber: bigint; logIndex: number }, b: { blockNumber: bigint; logIndex: number }) =>
  a.blockNumber === b.blockNumber ? b.logIndex - a.logIndex : a.blockNumber > b.blockNumber ? -1 : 1;

export function createRpcGovernanceReader(
  client: PublicClient,
  governor: `0x${string}`,
  fromBlock: bigint,
): GovernanceReader {
  const read = { address: governor, abi: abis.governor } as const;

  async function blockTimes(blockNumbers: bigint[]): Promise<Map<bigint, number>> {
    const unique = [...new Set(blockNumbers)];
    const blocks = await Promise.all(unique.map((blockNumber) => client.getBlock({ blockNumber })));
    return new Map(blocks.map((block) => [block.number, Number(block.timestamp)]));
  }

  /**
   * Reads the Governor's events once, then the state, tallies and quorum of the proposals `pick` keeps from the
   * newest-first list of ProposalCreated logs: a page costs the log scan plus three reads per proposal on it.
   */
  async function load(pick: (created: ProposalCreatedLog[]) => ProposalCreatedLog[]): Promise<Proposal[]> {
    const head = await client.getBlock({ blockTag: "latest" });
    const toBlock = head.number;
    const [created, queued, executed, canceled, extended] = await Promise.all([
      getEventsChunked(client, { ...read, eventName: "ProposalCreated", fromBlock, toBlock }),
      getEventsChunked(client, { ...read, eventName: "ProposalQueued", fromBlock, toBlock }),
      getEventsChunked(client, { ...read, eventName: "ProposalExecuted", fromBlock, toBlock }),
      getEventsChunked(client, { ...read, eventName: "ProposalCanceled", fromBlock, toBlock }),
      getEventsChunked(client, { ...read, eventName: "ProposalExtended", fromBlock, toBlock }),
    ]);
    const chosen = pick([...created].sort(newestFirst));
    const ids = new Set(chosen.map((log) => log.args.proposalId));
    const mine = <T extends { args: { proposalId: bigint } }>(logs: T[]) =>
      logs.filter((log) => ids.has(log.args.proposalId));
    const times = await blockTimes(
      [...chosen, ...mine(queued), ...mine(executed), ...mine(canceled)].map((log) => log.blockNumber),
    );
    const byId = <T extends { args: { proposalId: bigint }; blockNumber: bigint }>(logs: T[]) =>
      new Map(logs.map((log) => [log.args.proposalId, log]));
    const queuedById = byId(queued);
    const executedById = byId(executed);
    const canceledById = byId(canceled);
    const extendedById = byId(extended);
    const now = Number(head.timestamp);

    return Promise.all(
      chosen.map(async (log): Promise<Proposal> => {
        const id = log.args.proposalId;
        const voteStart = Number(log.args.voteStart);
        const [state, votes, quorum] = await Promise.all([
          client.readContract({ ...read, functionName: "state", args: [id] }),
          client.readContract({ ...read, functionName: "proposalVotes", args: [id] }),
          // quorum() only answers for past timepoints; before the snapshot the quorum is not fixed yet.
          voteStart < now
            ? client.readContract({ ...read, functionName: "quorum", args: [BigInt(voteStart)] })
            : Promise.resolve(null),
        ]);
        const [against, forVotes, abstain] = votes;
        const queuedLog = queuedById.get(id);
        const executedLog = executedById.get(id);
        const canceledLog = canceledById.get(id);
        const extendedLog = extendedById.get(id);
        return {
          id,
          proposer: log.args.proposer,
          description: log.args.description,
          targets: [...log.args.targets],
          values: [...log.args.values],
          calldatas: [...log.args.calldatas],
          signatures: [...log.args.signatures],
          voteStart,
          voteEnd: Number(log.args.voteEnd),
          createdBlock: log.blockNumber,
          createdAt: times.get(log.blockNumber) ?? null,
          createdTx: log.transactionHash as Hash,
          state: PROPOSAL_STATES[state],
          tally: { for: forVotes, against, abstain },
          quorum,
          eta: queuedLog ? Number(queuedLog.args.etaSeconds) : null,
          queuedAt: queuedLog ? (times.get(queuedLog.blockNumber) ?? null) : null,
          executedAt: executedLog ? (times.get(executedLog.blockNumber) ?? null) : null,
          canceledAt: canceledLog ? (times.get(canceledLog.blockNumber) ?? null) : null,
          extendedTo: extendedLog ? Number(extendedLog.args.extendedDeadline) : null,
        };
      }),
    );
  }

  return {
    listProposals: (page) => load((created) => slicePage(created, page)),

    async getProposal(id) {
      const [proposal] = await load((created) => created.filter((log) => log.args.proposalId === id));
      return proposal ?? null;
    },

    async listVotes(proposalId, page) {
      const toBlock = await client.getBlockNumber({ cacheTime: 0 });
      const [plain, withParams] = await Promise.all([
        getEventsChunked(client, { ...read, eventName: "VoteCast", fromBlock, toBlock }),
        getEventsChunked(client, { ...read, eventName: "VoteCastWithParams", fromBlock, toBlock }),
      ]);
      const votes = [...plain, ...withParams]
        .filter((log) => log.args.proposalId === proposalId)
        .map((log): Vote => ({
          proposalId,
          voter: log.args.voter,
          support: log.args.support,
          weight: log.args.weight,
          reason: log.args.reason,
          blockNumber: log.blockNumber,
          txHash: log.transactionHash as Hash,
        }))
        .sort((a, b) => (a.weight === b.weight ? 0 : a.weight > b.weight ? -1 : 1));
      return slicePage(votes, page);
    },
  };
}
