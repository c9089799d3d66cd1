import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { abis } from "../../contracts/abis.ts";
import { contractAddress, deployment, startBlock } from "../../config/deployment.ts";
import { publicClient, requirePublicClient } from "../../shared/chain/client.ts";
import { getEventsChunked } from "../../shared/chain/logs.ts";
import { delegateCandidates, rankDelegates, type DelegateRank } from "./delegationLogic.ts";

const enabled = publicClient !== null && deployment !== null;

export type HolderInfo = { balance: bigint; votes: bigint; delegate: Address; symbol: string };

/** A holder's balance, current voting power and delegate (the zero address when never delegated). */
export function useHolder(account: Address | undefined) {
  return useQuery({
    queryKey: ["chain", "delegation", "holder", account],
    enabled: enabled && account !== undefined,
    queryFn: async (): Promise<HolderInfo> => {
      const client = requirePublicClient();
      const token = { address: contractAddress("token"), abi: abis.token } as const;
      const [balance, votes, delegate, symbol] = await Promise.all([
        client.readContract({ ...token, functionName: "balanceOf", args: [account!] }),
        client.readContract({ ...token, functionName: "getVotes", args: [account!] }),
        client.readContract({ ...token, functionName: "delegates", args: [account!] }),
        client.readContract({ ...token, functionName: "symbol" }),
      ]);
      return { balance, votes, delegate, symbol };
    },
  });
}

export type TopDelegates = { delegates: DelegateRank[]; totalSupply: bigint };

/** Everyone whose voting power ever changed (DelegateVotesChanged), ranked by their voting power now (getVotes). */
export function useTopDelegates(limit = 10) {
  return useQuery({
    queryKey: ["chain", "delegation", "top", limit],
    enabled,
    queryFn: async (): Promise<TopDelegates> => {
      const client = requirePublicClient();
      const token = { address: contractAddress("token"), abi: abis.token } as const;
      const events = await getEventsChunked(client, {
        ...token,
        eventName: "DelegateVotesChanged",
        fromBlock: startBlock,
      });
      const candidates = delegateCandidates(events.map((log) => ({ delegate: log.args.delegate })));
      const [votes, totalSupply] = await Promise.all([
        Promise.all(
          candidates.map((address) => client.readContract({ ...token, functionName: "getVotes", args: [address] })),
        ),
        client.readContract({ ...token, functionName: "totalSupply" }),
      ]);
      return {
        delegates: rankDelegates(
          candidates.map((address, index) => ({ address, votes: votes[index] })),
          limit,
        ),
        totalSupply,
      };
    },
  });
}
