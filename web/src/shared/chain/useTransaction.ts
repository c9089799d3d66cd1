// One way to send a transaction: check the network, simulate (a failure is explained before the wallet opens),
// ask the wallet, wait for the receipt, refresh the chain reads. A rejected signature returns to idle with a note,
// never an error page.
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import type { Abi, Address, ContractFunctionArgs, ContractFunctionName, Hash } from "viem";
import { useAccount, useWalletClient } from "wagmi";
import { chain } from "../../config/deployment.ts";
import { publicClient } from "./client.ts";
import { describeError, isUserRejection } from "./errors.ts";

export type TransactionStatus =
  | { phase: "idle" }
  | { phase: "simulating" }
  | { phase: "signing" }
  | { phase: "pending"; hash: Hash }
  | { phase: "confirmed"; hash: Hash }
  | { phase: "failed"; message: string; hash?: Hash }
  | { phase: "rejected"; message: string };

export type ContractCall<abi extends Abi = Abi> = {
  address: Address;
  abi: abi;
  functionName: ContractFunctionName<abi, "nonpayable" | "payable">;
  args?: ContractFunctionArgs<abi, "nonpayable" | "payable">;
  value?: bigint;
};

export function useTransaction() {
  const { address, chainId } = useAccount();
  const { data: walletClient } = useWalletClient();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<TransactionStatus>({ phase: "idle" });

  const send = useCallback(
    async <abi extends Abi>(call: ContractCall<abi>, options: { extraCheck?: () => Promise<void> } = {}) => {
      if (!publicClient || !chain) return fail("No deployment is configured for this build.");
      if (!address || !walletClient) return fail("Connect a wallet first.");
      if (chainId !== chain.id) return fail(`Your wallet is on another network. Switch to ${chain.name} first.`);
      setStatus({ phase: "simulating" });
      try {
        const request = call as unknown as ContractCall;
        await publicClient.simulateContract({
          account: address,
          address: request.address,
          abi: request.abi,
          functionName: request.functionName as string,
          args: request.args as readonly unknown[],
          value: request.value,
        });
        await options.extraCheck?.();
      } catch (error) {
        return fail(describeError(error));
      }
      setStatus({ phase: "signing" });
      let hash: Hash;
      try {
        const request = call as unknown as ContractCall;
        hash = await walletClient.writeContract({
          account: address,
          chain,
          address: request.address,
          abi: request.abi,
          functionName: request.functionName as string,
          args: request.args as readonly unknown[],
          value: request.value,
        } as never);
      } catch (error) {
        if (isUserRejection(error)) {
          setStatus({ phase: "rejected", message: describeError(error) });
          return null;
        }
        return fail(describeError(error));
      }
      setStatus({ phase: "pending", hash });
      try {
        const receipt = await publicClient.waitForTransactionReceipt({ hash, pollingInterval: 500 });
        await queryClient.invalidateQueries({ queryKey: ["chain"] });
        if (receipt.status !== "success") return fail("The transaction was mined but reverted.", hash);
        setStatus({ phase: "confirmed", hash });
        return receipt;
      } catch (error) {
        return fail(describeError(error), hash);
      }

      function fail(message: string, failedHash?: Hash) {
        setStatus({ phase: "failed", message, hash: failedHash });
        return null;
      }
    },
    [address, chainId, walletClient, queryClient],
  );

  const reset = useCallback(() => setStatus({ phase: "idle" }), []);
  const busy = status.phase === "simulating" || status.phase === "signing" || status.phase === "pending";
  return { send, status, reset, busy };
}
