// Delegation by signature: the holder signs an EIP-712 `Delegation` (free: no transaction, no gas), then the same
// wallet submits `delegateBySig` (anyone could relay it; here the holder does). A rejected signature returns to idle.
import { useCallback, useState } from "react";
import type { Address } from "viem";
import { useAccount, useSignTypedData } from "wagmi";
import { abis } from "../../contracts/abis.ts";
import { contractAddress } from "../../config/deployment.ts";
import { requirePublicClient } from "../../shared/chain/client.ts";
import { describeError, isUserRejection } from "../../shared/chain/errors.ts";
import { useTransaction } from "../../shared/chain/useTransaction.ts";
import { delegationTypedData, domainFromEip712, signatureExpiry, splitSignature } from "./delegationLogic.ts";

export type SignaturePhase =
  | { phase: "idle"; note?: string }
  | { phase: "preparing" }
  | { phase: "signing" }
  | { phase: "signed" }
  | { phase: "failed"; message: string };

export function useDelegateBySignature() {
  const { address } = useAccount();
  const { signTypedDataAsync } = useSignTypedData();
  const transaction = useTransaction();
  const [signature, setSignature] = useState<SignaturePhase>({ phase: "idle" });
  const { send } = transaction;

  const delegateBySignature = useCallback(
    async (delegatee: Address) => {
      if (!address) return setSignature({ phase: "failed", message: "Connect a wallet first." });
      setSignature({ phase: "preparing" });
      let typedData;
      try {
        const client = requirePublicClient();
        const token = { address: contractAddress("token"), abi: abis.token } as const;
        // The nonce and domain are read fresh, never from a cache: a stale nonce makes the signature worthless.
        const [domain, nonce, head] = await Promise.all([
          client.readContract({ ...token, functionName: "eip712Domain" }),
          client.readContract({ ...token, functionName: "nonces", args: [address] }),
          client.getBlock({ blockTag: "latest" }),
        ]);
        // Expiry is measured on the chain's clock, which a local chain may have moved ahead of the wall clock.
        const expiry = signatureExpiry(Number(head.timestamp));
        typedData = delegationTypedData(domainFromEip712(domain), { delegatee, nonce, expiry });
      } catch (error) {
        return setSignature({ phase: "failed", message: describeError(error) });
      }
      setSignature({ phase: "signing" });
      let signed: `0x${string}`;
      try {
        signed = await signTypedDataAsync(typedData);
      } catch (error) {
        if (isUserRejection(error))
          return setSignature({ phase: "idle", note: "You rejected the signature. Nothing was signed or sent." });
        return setSignature({ phase: "failed", message: describeError(error) });
      }
      setSignature({ phase: "signed" });
      const { v, r, s } = splitSignature(signed);
      const { delegatee: to, nonce, expiry } = typedData.message;
      await send({
        address: contractAddress("token"),
        abi: abis.token,
        functionName: "delegateBySig",
        args: [to, nonce, expiry, v, r, s],
      });
    },
    [address, signTypedDataAsync, send],
  );

  const busy = signature.phase === "preparing" || signature.phase === "signing" || transaction.busy;
  return { delegateBySignature, signature, transaction: transaction.status, busy };
}
