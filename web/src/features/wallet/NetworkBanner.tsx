import { useAccount, useSwitchChain } from "wagmi";
import { chain } from "../../config/deployment.ts";
import { describeError } from "../../shared/chain/errors.ts";
import { useChainHead } from "../../shared/chain/head.ts";

/** Wrong network and unreachable node are shown everywhere, with the way out. */
export function NetworkBanner() {
  const { isConnected, chainId } = useAccount();
  const { switchChain, isPending, error } = useSwitchChain();
  const head = useChainHead();
  if (!chain)
    return (
      <div className="banner banner--warn" role="alert">
        This build has no deployment configured. Run <code>npm start</code> (local) or build with MODELDAO_CHAIN_ID.
      </div>
    );
  return (
    <>
      {head.isError ? (
        <div className="banner banner--danger" role="alert" data-testid="rpc-down-banner">
          Cannot reach the chain node at {chain.rpcUrls.default.http[0]}. Showing what was last read; retrying every few
          seconds.
        </div>
      ) : null}
      {isConnected && chainId !== chain.id ? (
        <div className="banner banner--warn" role="alert" data-testid="wrong-network-banner">
          Your wallet is on another network (chain {chainId}). ModelDAO lives on {chain.name}.{" "}
          <button
            type="button"
            className="button button--small"
            disabled={isPending}
            onClick={() => switchChain({ chainId: chain!.id })}
          >
            Switch to {chain.name}
          </button>
          {error ? <span> {describeError(error)}</span> : null}
        </div>
      ) : null}
    </>
  );
}
