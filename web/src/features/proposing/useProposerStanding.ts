import { useQuery } from "@tanstack/react-query";
import { useAccount } from "wagmi";
import { abis } from "../../contracts/abis.ts";
import { contractAddress, deployment } from "../../config/deployment.ts";
import { publicClient } from "../../shared/chain/client.ts";

/** The connected account's voting power against the proposal threshold (the Governor checks the previous second). */
export function useProposerStanding() {
  const { address } = useAccount();
  return useQuery({
    queryKey: ["chain", "proposer-standing", address],
    enabled: Boolean(address && publicClient && deployment),
    queryFn: async () => {
      const governor = { address: contractAddress("governor"), abi: abis.governor } as const;
      const [threshold, clock] = await Promise.all([
        publicClient!.readContract({ ...governor, functionName: "proposalThreshold" }),
        publicClient!.readContract({ ...governor, functionName: "clock" }),
      ]);
      const votes = await publicClient!.readContract({
        ...governor,
        functionName: "getVotes",
        args: [address!, BigInt(clock) - 1n],
      });
      return { threshold, votes, enough: votes >= threshold };
    },
  });
}
