// The kill switch's state, with the guardian's reasons: storage says whether something is paused, the latest
// AllPaused/ModelPaused event says why.
import { useQuery } from "@tanstack/react-query";
import type { Address, Hex } from "viem";
import { abis } from "../../contracts/abis.ts";
import { contractAddress, deployment, startBlock } from "../../config/deployment.ts";
import { publicClient } from "../../shared/chain/client.ts";
import { getEventsChunked } from "../../shared/chain/logs.ts";

export type PauseInfo = { paused: boolean; since: number | null; reason: string | null; by: Address | null };
export type PauseState = { global: PauseInfo; models: Record<Hex, PauseInfo> };

export function usePauseState() {
  return useQuery({
    queryKey: ["chain", "pause-state"],
    enabled: publicClient !== null && deployment !== null,
    queryFn: readPauseState,
  });
}

export async function readPauseState(): Promise<PauseState> {
  const client = publicClient!;
  const killSwitch = contractAddress("killSwitch");
  const [globalPause, modelIds, allPaused, modelPaused] = await Promise.all([
    client.readContract({ address: killSwitch, abi: abis.killSwitch, functionName: "globalPause" }),
    client.readContract({
      address: contractAddress("modelRegistry"),
      abi: abis.modelRegistry,
      functionName: "modelIds",
    }),
    getEventsChunked(client, {
      address: killSwitch,
      abi: abis.killSwitch,
      eventName: "AllPaused",
      fromBlock: startBlock,
    }),
    getEventsChunked(client, {
      address: killSwitch,
      abi: abis.killSwitch,
      eventName: "ModelPaused",
      fromBlock: startBlock,
    }),
  ]);
  const [paused, pausedAt] = globalPause;
  const lastGlobal = allPaused.at(-1);
  const models: Record<Hex, PauseInfo> = {};
  const pausedAts = await Promise.all(
    modelIds.map((id) =>
      client.readContract({ address: killSwitch, abi: abis.killSwitch, functionName: "modelPausedAt", args: [id] }),
    ),
  );
  modelIds.forEach((id, index) => {
    const at = Number(pausedAts[index]);
    const last = modelPaused.filter((log) => log.args.modelId === id).at(-1);
    models[id] = {
      paused: at > 0,
      since: at > 0 ? at : null,
      reason: at > 0 ? (last?.args.reason ?? null) : null,
      by: at > 0 ? (last?.args.by ?? null) : null,
    };
  });
  return {
    global: {
      paused,
      since: paused ? Number(pausedAt) : null,
      reason: paused ? (lastGlobal?.args.reason ?? null) : null,
      by: paused ? (lastGlobal?.args.by ?? null) : null,
    },
    models,
  };
}
