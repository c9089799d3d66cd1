// RainbowKit's provider and modal are heavy; they load after the first paint and only wrap the connect button.
// Everything else reads the account through wagmi hooks, which need only WagmiProvider.
import { lazy, Suspense } from "react";
import { useAccount, useDisconnect } from "wagmi";
import { shortAddress } from "../../shared/format.ts";

const RainbowConnect = lazy(() => import("./RainbowConnect.tsx"));

export function ConnectControl() {
  return (
    <Suspense fallback={<PlainConnect />}>
      <RainbowConnect />
    </Suspense>
  );
}

/** Shown while RainbowKit loads: keeps the header's shape and the account visible. */
function PlainConnect() {
  const { address } = useAccount();
  const { disconnect } = useDisconnect();
  if (address)
    return (
      <button type="button" className="button button--ghost" onClick={() => disconnect()}>
        {shortAddress(address)}
      </button>
    );
  return (
    <button type="button" className="button" disabled>
      Connect wallet
    </button>
  );
}
