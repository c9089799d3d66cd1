// Data hooks of the governance feature. Pages render what these return; they never call the chain themselves.
import { useQuery } from "@tanstack/react-query";
import type { Address, Hex } from "viem";
import { useAccount } from "wagmi";
import { abis } from "../../contracts/abis.ts";
import { contractAddress, deployment, startBlock } from "../../config/deployment.ts";
import { publicClient } from "../../shared/chain/client.ts";
import { getEventsChunked } from "../../shared/chain/logs.ts";
import type { DecodeContext } from "./decodeActions.ts";
import type { Proposal } from "./proposalLogic.ts";
import { createRpcGovernanceReader, type GovernanceReader } from "./rpcReader.ts";

const enabled = publicClient !== null && deployment !== null;

let reader: GovernanceReader | null = null;
export function governanceReader(): GovernanceReader {
  reader ??= createRpcGovernanceReader(publicClient!, contractAddress("governor"), startBlock);
  return reader;
}

export function useProposals() {
  return useQuery({ queryKey: ["chain", "proposals"], enabled, queryFn: () => governanceReader().listProposals() });
}

export function useProposal(id: bigint | null) {
  const proposals = useProposals();
  const proposal = id === null ? undefined : proposals.data?.find((candidate) => candidate.id === id);
  return { ...proposals, data: proposal, notFound: proposals.isSuccess && !proposal };
}

export function useVotes(id: bigint | null) {
  return useQuery({
    queryKey: ["chain", "votes", id?.toString()],
    enabled: enabled && id !== null,
    queryFn: () => governanceReader().listVotes(id!),
  });
}

export type GovernorSettings = {
  proposalThreshold: bigint;
  votingDelay: bigint;
  votingPeriod: bigint;
  proposalGuardian: Address;
  timelockDelay: bigint;
  tokenSymbol: string;
};

export function useGovernorSettings() {
  return useQuery({
    queryKey: ["chain", "governor-settings"],
    enabled,
    queryFn: async (): Promise<GovernorSettings> => {
      const client = publicClient!;
      const governor = { address: contractAddress("governor"), abi: abis.governor } as const;
      const [proposalThreshold, votingDelay, votingPeriod, proposalGuardian, timelockDelay, tokenSymbol] =
        await Promise.all([
          client.readContract({ ...governor, functionName: "proposalThreshold" }),
          client.readContract({ ...governor, functionName: "votingDelay" }),
          client.readContract({ ...governor, functionName: "votingPeriod" }),
          client.readContract({ ...governor, functionName: "proposalGuardian" }),
          client.readContract({
            address: contractAddress("timelock"),
            abi: abis.timelock,
            functionName: "getMinDelay",
          }),
          client.readContract({ address: contractAddress("token"), abi: abis.token, functionName: "symbol" }),
        ]);
      return { proposalThreshold, votingDelay, votingPeriod, proposalGuardian, timelockDelay, tokenSymbol };
    },
  });
}

/** The connected account's standing on one proposal: votes at its snapshot, whether it voted, guardian role. */
export function useViewer(proposal: Proposal | undefined) {
  const { address, isConnected } = useAccount();
  const settings = useGovernorSettings();
  const query = useQuery({
    queryKey: ["chain", "viewer", address, proposal?.id.toString()],
    enabled: enabled && Boolean(address && proposal),
    queryFn: async () => {
      const client = publicClient!;
      const governor = { address: contractAddress("governor"), abi: abis.governor } as const;
      const head = await client.getBlock({ blockTag: "latest" });
      const snapshotPassed = proposal!.voteStart < Number(head.timestamp);
      const [votesAtSnapshot, hasVoted] = await Promise.all([
        snapshotPassed
          ? client.readContract({
              ...governor,
              functionName: "getVotes",
              args: [address!, BigInt(proposal!.voteStart)],
            })
          : Promise.resolve(0n),
        client.readContract({ ...governor, functionName: "hasVoted", args: [proposal!.id, address!] }),
      ]);
      return { votesAtSnapshot, hasVoted };
    },
  });
  const isProposalGuardian =
    address !== undefined && settings.data?.proposalGuardian.toLowerCase() === address.toLowerCase();
  return {
    connected: isConnected,
    address,
    votesAtSnapshot: query.data?.votesAtSnapshot ?? 0n,
    hasVoted: query.data?.hasVoted ?? false,
    isProposalGuardian,
  };
}

/** What the action decoder needs from the registry: active versions and each version's CID. */
export function useDecodeContext(): DecodeContext {
  const query = useQuery({
    queryKey: ["chain", "decode-context"],
    enabled,
    queryFn: async () => {
      const client = publicClient!;
      const registry = { address: contractAddress("modelRegistry"), abi: abis.modelRegistry } as const;
      const ids = await client.readContract({ ...registry, functionName: "modelIds" });
      const models = await Promise.all(
        ids.map((id) => client.readContract({ ...registry, functionName: "getModel", args: [id] })),
      );
      const submitted = await getEventsChunked(client, {
        ...registry,
        eventName: "ModelVersionSubmitted",
        fromBlock: startBlock,
      });
      return {
        active: new Map(ids.map((id, index) => [id.toLowerCase(), models[index].activeVersion])),
        cids: new Map(
          submitted.map((log) => [`${log.args.modelId.toLowerCase()}:${log.args.version}`, log.args.input.cid]),
        ),
      };
    },
  });
  const data = query.data;
  return {
    contracts: deployment?.contracts ?? {},
    activeVersion: (modelId: Hex) => (data ? (data.active.get(modelId.toLowerCase()) ?? 0) : undefined),
    versionCid: (modelId: Hex, version: number) => data?.cids.get(`${modelId.toLowerCase()}:${version}`),
  };
}
