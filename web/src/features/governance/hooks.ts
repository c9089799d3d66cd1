// Data hooks of the governance feature. Pages render what these return; they never call the chain themselves.
import { keepPreviousData, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import type { Address, Hex } from "viem";
import { useAccount } from "wagmi";
import { abis } from "../../contracts/abis.ts";
import { contractAddress, deployment, startBlock, subgraphUrl } from "../../config/deployment.ts";
import { publicClient } from "../../shared/chain/client.ts";
import { getEventsChunked } from "../../shared/chain/logs.ts";
import type { DecodeContext } from "./decodeActions.ts";
import type { Proposal } from "./proposalLogic.ts";
import { createRpcGovernanceReader, type GovernanceReader } from "./rpcReader.ts";
import { checkReadSource, createSubgraphGovernanceReader, type ReadSource } from "./subgraphReader.ts";

const enabled = publicClient !== null && deployment !== null;

/** How many proposals a list shows first (newest first); "show older" asks for this many more. */
export const PROPOSALS_PAGE_SIZE = 50;

let rpcReader: GovernanceReader | null = null;
let subgraphReader: GovernanceReader | null = null;
export function governanceReader(source: ReadSource["source"] = "rpc"): GovernanceReader {
  if (source === "subgraph" && subgraphUrl) {
    subgraphReader ??= createSubgraphGovernanceReader(subgraphUrl, async () =>
      Number((await publicClient!.getBlock({ blockTag: "latest" })).timestamp),
    );
    return subgraphReader;
  }
  rpcReader ??= createRpcGovernanceReader(publicClient!, contractAddress("governor"), startBlock);
  return rpcReader;
}

export const readSourceQueryKey = ["chain", "read-source"] as const;

/**
 * Where governance data is read from: the subgraph while it is healthy (answers `_meta`, no indexing errors, at most
 * MAX_INDEXER_LAG blocks behind the head), else the chain itself, with a notice saying why. Re-checked on every new
 * block (it is a ["chain", …] query). Without VITE_SUBGRAPH_URL it is always the chain, with no notice.
 */
export function useReadSource() {
  return useQuery({
    queryKey: readSourceQueryKey,
    enabled: enabled && subgraphUrl !== null,
    queryFn: () => checkReadSource(subgraphUrl, () => publicClient!.getBlockNumber()),
    retry: false,
  });
}

/** The source to read with: "rpc" at once without a subgraph; undefined while the first health check runs. */
function useSource(): ReadSource["source"] | undefined {
  const health = useReadSource();
  if (!subgraphUrl) return "rpc";
  return health.data?.source ?? (health.isError ? "rpc" : undefined);
}

/** Reads through the chosen source; a subgraph failure falls back to the chain and re-checks the source. */
async function readWith<T>(
  source: ReadSource["source"],
  queryClient: QueryClient,
  read: (reader: GovernanceReader) => Promise<T>,
): Promise<T> {
  if (source === "rpc") return read(governanceReader("rpc"));
  try {
    return await read(governanceReader("subgraph"));
  } catch {
    void queryClient.invalidateQueries({ queryKey: readSourceQueryKey });
    return read(governanceReader("rpc"));
  }
}

/** The newest `limit` proposals (one page by default; the list asks for more as the reader scrolls back). */
export function useProposals(limit = PROPOSALS_PAGE_SIZE) {
  const source = useSource();
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: ["chain", "proposals", source, limit],
    enabled: enabled && source !== undefined,
    queryFn: () => readWith(source!, queryClient, (reader) => reader.listProposals({ first: limit })),
    placeholderData: keepPreviousData,
  });
}

/** One proposal by id (it may be older than any list page); shown at once from a loaded list when it is there. */
export function useProposal(id: bigint | null) {
  const source = useSource();
  const queryClient = useQueryClient();
  const fromList = () =>
    queryClient
      .getQueriesData<Proposal[]>({ queryKey: ["chain", "proposals", source] })
      .flatMap(([, list]) => list ?? [])
      .find((candidate) => candidate.id === id);
  const query = useQuery({
    queryKey: ["chain", "proposal", source, id?.toString()],
    enabled: enabled && id !== null && source !== undefined,
    queryFn: () => readWith(source!, queryClient, (reader) => reader.getProposal(id!)),
    placeholderData: fromList,
  });
  return {
    ...query,
    // A first read that fails drops the placeholder; what the list read is still the last known state of it.
    data: query.data ?? (query.isError ? fromList() : undefined) ?? undefined,
    notFound: query.isSuccess && !query.isPlaceholderData && query.data === null,
  };
}

/** A proposal's votes, heaviest first. */
export function useVotes(id: bigint | null) {
  const source = useSource();
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: ["chain", "votes", source, id?.toString()],
    enabled: enabled && id !== null && source !== undefined,
    queryFn: () => readWith(source!, queryClient, (reader) => reader.listVotes(id!)),
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
