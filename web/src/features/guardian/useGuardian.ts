import { useQuery } from "@tanstack/react-query";
import type { Address, Hex } from "viem";
import { abis } from "../../contracts/abis.ts";
import { contractAddress, deployment, startBlock } from "../../config/deployment.ts";
import { publicClient, requirePublicClient } from "../../shared/chain/client.ts";
import { getEventsChunked } from "../../shared/chain/logs.ts";
import { isCancellable } from "./guardianLogic.ts";

const enabled = publicClient !== null && deployment !== null;

/** The kill switch's guardian and the Governor's proposal guardian (the same multisig after deployment). */
export function useGuardians() {
  return useQuery({
    queryKey: ["chain", "guardian", "roles"],
    enabled,
    queryFn: async () => {
      const client = requirePublicClient();
      const [killSwitchGuardian, proposalGuardian] = await Promise.all([
        client.readContract({ address: contractAddress("killSwitch"), abi: abis.killSwitch, functionName: "guardian" }),
        client.readContract({
          address: contractAddress("governor"),
          abi: abis.governor,
          functionName: "proposalGuardian",
        }),
      ]);
      return { killSwitchGuardian, proposalGuardian };
    },
  });
}

export type CancellableProposal = {
  id: bigint;
  state: number;
  proposer: Address;
  targets: Address[];
  values: bigint[];
  calldatas: Hex[];
  description: string;
};

/** Proposals not yet executed nor final: ProposalCreated gives the actions, `state(id)` whether cancel still works. */
export function useCancellableProposals() {
  return useQuery({
    queryKey: ["chain", "guardian", "cancellable"],
    enabled,
    queryFn: async (): Promise<CancellableProposal[]> => {
      const client = requirePublicClient();
      const governor = contractAddress("governor");
      const created = await getEventsChunked(client, {
        address: governor,
        abi: abis.governor,
        eventName: "ProposalCreated",
        fromBlock: startBlock,
      });
      const states = await Promise.all(
        created.map((log) =>
          client.readContract({
            address: governor,
            abi: abis.governor,
            functionName: "state",
            args: [log.args.proposalId],
          }),
        ),
      );
      return created
        .map((log, index) => ({
          id: log.args.proposalId,
          state: states[index],
          proposer: log.args.proposer,
          targets: [...log.args.targets],
          values: [...log.args.values],
          calldatas: [...log.args.calldatas],
          description: log.args.description,
        }))
        .filter((proposal) => isCancellable(proposal.state))
        .reverse();
    },
  });
}
