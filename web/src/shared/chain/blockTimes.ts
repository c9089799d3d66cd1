// Event logs carry a block number, not a time: pages that show "when" read each distinct block's timestamp once.
import type { PublicClient } from "viem";

export async function readBlockTimestamps(client: PublicClient, blockNumbers: bigint[]): Promise<Map<bigint, number>> {
  const unique = [...new Set(blockNumbers)];
  const blocks = await Promise.all(unique.map((blockNumber) => client.getBlock({ blockNumber })));
  return new Map(blocks.map((block) => [block.number, Number(block.timestamp)]));
}
