// Dev only: moves the local chain's clock forward so a person can walk a proposal from Active to Executed in a minute.
//   npm run chain:advance -- 3d        (units: s, m, h, d; several add up: 1d 2h)
// Reads the RPC URL from deployments/31337.json (written by `npm start`); refuses any other chain.
import { createPublicClient, createTestClient, http } from "viem";
import { hardhat } from "viem/chains";
import { readDeployment } from "./lib/deployments.ts";

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

export function parseDuration(parts: readonly string[]): number {
  if (parts.length === 0) throw new Error("say how far to advance, e.g. `3d`, `1h`, `90s`");
  return parts.reduce((total, part) => {
    const match = /^(\d+)([smhd])$/.exec(part.trim());
    if (!match) throw new Error(`"${part}" is not a duration: use a whole number and s, m, h or d (e.g. 3d)`);
    return total + Number(match[1]) * UNITS[match[2]];
  }, 0);
}

if (import.meta.main) {
  try {
    const seconds = parseDuration(process.argv.slice(2));
    const deployment = readDeployment(hardhat.id);
    const transport = http(deployment.rpcUrl);
    const client = createPublicClient({ chain: hardhat, transport });
    if ((await client.getChainId()) !== hardhat.id)
      throw new Error("this is not the local chain: refusing to move time");
    const testClient = createTestClient({ chain: hardhat, transport, mode: "hardhat" });
    await testClient.increaseTime({ seconds });
    await testClient.mine({ blocks: 1 });
    const block = await client.getBlock();
    console.log(
      `advanced ${seconds} s: block ${block.number} at ${new Date(Number(block.timestamp) * 1000).toISOString()}`,
    );
  } catch (error) {
    console.error(`chain:advance failed: ${(error as Error).message}`);
    process.exit(1);
  }
}
