// Reads proposals and votes straight from the chain: Governor events in bounded block ranges plus the Governor's
// own view of state, tallies and quorum. The subgraph reader (when VITE_SUBGRAPH_URL is set) answers the same
// questions with the same types.
import type { Hash, PublicClient } from "viem";
import { abis } from "../../contracts/abis.ts";
import { getEventsChunked } from "../../shared/chain/logs.ts";
import { PROPOSAL_STATES, type Proposal, type Vote } from "./proposalLogic.ts";

export type GovernanceReader = {
  listProposals(): Promise<Proposal[]>;
  listVotes(proposalId: bigint): Promise<Vote[]>;
};

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

  return {
    async listProposals() {
      const head = await client.getBlock({ blockTag: "latest" });
      const toBlock = head.number;
      const [created, queued, executed, canceled, extended] = await Promise.all([
        getEventsChunked(client, { ...read, eventName: "ProposalCreated", fromBlock, toBlock }),
        getEventsChunked(client, { ...read, eventName: "ProposalQueued", fromBlock, toBlock }),
        getEventsChunked(client, { ...read, eventName: "ProposalExecuted", fromBlock, toBlock }),
        getEventsChunked(client, { ...read, eventName: "ProposalCanceled", fromBlock, toBlock }),
        getEventsChunked(client, { ...read, eventName: "ProposalExtended", fromBlock, toBlock }),
      ]);
      const times = await blockTimes([...created, ...queued, ...executed, ...canceled].map((log) => log.blockNumber));
      const byId = <T extends { args: { proposalId: bigint }; blockNumber: bigint }>(logs: T[]) =>
        new Map(logs.map((log) => [log.args.proposalId, log]));
      const queuedById = byId(queued);
      const executedById = byId(executed);
      const canceledById = byId(canceled);
      const extendedById = byId(extended);
      const now = Number(head.timestamp);

      return Promise.all(
        created.map(async (log): Promise<Proposal> => {
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
      ).then((proposals) =>
        proposals.sort((a, b) => (a.createdBlock === b.createdBlock ? 0 : a.createdBlock > b.createdBlock ? -1 : 1)),
      );
    },

    async listVotes(proposalId) {
      const toBlock = await client.getBlockNumber();
      const [plain, withParams] = await Promise.all([
        getEventsChunked(client, { ...read, eventName: "VoteCast", fromBlock, toBlock }),
        getEventsChunked(client, { ...read, eventName: "VoteCastWithParams", fromBlock, toBlock }),
      ]);
      return [...plain, ...withParams]
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
    },
  };
}
