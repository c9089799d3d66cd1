// Moves the local chain's clock: `evm_increaseTime` then one mined block, so the new time is visible (block
// timestamps only change when a block is mined). The head query notices the block and refreshes every page.
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { createTestClient, http } from "viem";
import { chain } from "../../config/deployment.ts";
import { describeError } from "../../shared/chain/errors.ts";

const testClient = chain
  ? createTestClient({ chain, mode: "hardhat", transport: http(chain.rpcUrls.default.http[0]) })
  : null;

export type TimeTravelStatus =
  { phase: "idle" } | { phase: "working" } | { phase: "done"; text: string } | { phase: "failed"; message: string };

export function useTimeTravel() {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<TimeTravelStatus>({ phase: "idle" });

  const run = useCallback(
    async (seconds: number, text: string) => {
      if (!testClient) return setStatus({ phase: "failed", message: "No local chain is configured." });
      setStatus({ phase: "working" });
      try {
        if (seconds > 0) await testClient.increaseTime({ seconds });
        await testClient.mine({ blocks: 1 });
        await queryClient.invalidateQueries({ queryKey: ["chain"] });
        setStatus({ phase: "done", text });
      } catch (error) {
        setStatus({ phase: "failed", message: describeError(error) });
      }
    },
    [queryClient],
  );

  return {
    advance: (seconds: number, label: string) => run(seconds, `Advanced ${label} and mined a block.`),
    mine: () => run(0, "Mined a block."),
    status,
  };
}
