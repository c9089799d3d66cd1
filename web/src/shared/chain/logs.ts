// Event reads in bounded block ranges: public nodes refuse (or time out on) one getLogs over a whole chain, so the
// range from the deployment block to the head is read in chunks, newest chunk last.
import type { Abi, AbiEvent, Address, ContractEventName, GetContractEventsReturnType, PublicClient } from "viem";

export const LOG_CHUNK_BLOCKS = 10_000n;

export function blockRanges(from: bigint, to: bigint, chunk = LOG_CHUNK_BLOCKS): [bigint, bigint][] {
  if (chunk <= 0n) throw new Error("chunk must be positive");
  const ranges: [bigint, bigint][] = [];
  for (let start = from; start <= to; start += chunk) {
    const end = start + chunk - 1n;
    ranges.push([start, end < to ? end : to]);
  }
  return ranges;
}

export async function getEventsChunked<const abi extends Abi, eventName extends ContractEventName<abi>>(
  client: PublicClient,
  parameters: {
    address: Address;
    abi: abi;
    eventName: eventName;
    args?: Record<string, unknown>;
    fromBlock: bigint;
    toBlock?: bigint;
  },
): Promise<GetContractEventsReturnType<abi, eventName, true, bigint, bigint>> {
  // Uncached: viem caches the block number for a polling interval, and a read right after a transaction must see
  // the block that contains it (the storage reads beside it already do).
  const toBlock = parameters.toBlock ?? (await client.getBlockNumber({ cacheTime: 0 }));
  const results = [] as unknown[];
  for (const [fromBlock, chunkEnd] of blockRanges(parameters.fromBlock, toBlock)) {
    const logs = await client.getContractEvents({
      address: parameters.address,
      abi: parameters.abi as Abi,
      eventName: parameters.eventName as string,
      args: parameters.args as never,
      fromBlock,
      toBlock: chunkEnd,
      strict: true,
    });
    results.push(...logs);
  }
  // strict: logs that do not match the ABI are dropped, so every argument of those returned is present.
  return results as GetContractEventsReturnType<abi, eventName, true, bigint, bigint>;
}

export type { AbiEvent };
