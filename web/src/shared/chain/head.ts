// The chain head drives freshness: every chain read is keyed under ["chain", …] and refetched when a new block
// arrives. Timing ("ends in 2h") is computed against the head block's timestamp, not the wall clock, because a
// local chain's clock can be advanced by hours.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { publicClient } from "./client.ts";

export type ChainHead = { number: bigint; timestamp: number };

export const headQueryKey = ["chain", "head"] as const;

export function useChainHead() {
  return useQuery({
    queryKey: headQueryKey,
    enabled: publicClient !== null,
    queryFn: async (): Promise<ChainHead> => {
      const block = await publicClient!.getBlock({ blockTag: "latest" });
      return { number: block.number, timestamp: Number(block.timestamp) };
    },
    refetchInterval: (query) => (query.state.status === "error" ? 3_000 : 2_000),
    retry: false,
    structuralSharing: (previous, next) =>
      previous && (previous as ChainHead).number === (next as ChainHead).number ? previous : next,
  });
}

/** Refreshes every other chain query when the head moves (a vote lands, time is advanced, the node comes back). */
export function useRefreshOnNewBlocks() {
  const queryClient = useQueryClient();
  const { data } = useChainHead();
  const seen = useRef<bigint | null>(null);
  useEffect(() => {
    if (!data) return;
    if (seen.current !== null && seen.current !== data.number) {
      void queryClient.invalidateQueries({ predicate: (query) => isChainQuery(query.queryKey) });
    }
    seen.current = data.number;
  }, [data, queryClient]);
}

function isChainQuery(key: readonly unknown[]): boolean {
  return key[0] === "chain" && key[1] !== "head";
}
