// The read-only client every data hook uses. Reads never need a wallet: holders without one see everything.
import { createPublicClient, http, type PublicClient } from "viem";
import { chain } from "../../config/deployment.ts";

export const publicClient: PublicClient | null = chain
  ? createPublicClient({
      chain,
      // Multicall batching folds a page's many `readContract` calls into one request.
      batch: { multicall: chain.contracts?.multicall3 ? true : false },
      transport: http(chain.rpcUrls.default.http[0], { batch: { wait: 16 }, retryCount: 1, timeout: 10_000 }),
      pollingInterval: 2_000,
    })
  : null;

export function requirePublicClient(): PublicClient {
  if (!publicClient) throw new Error("No deployment is configured for this build: run `npm start`.");
  return publicClient;
}
