// wagmi is configured with plain connectors so the first paint does not wait for RainbowKit: its modal is loaded
// with the connect button (ConnectControl) and lists these connectors. WalletConnect joins only when a project id
// is configured; its provider package is fetched by wagmi on first use, not at startup.
import { createConfig, http, injected } from "wagmi";
import { walletConnect } from "wagmi/connectors";
import type { Chain } from "viem";
import { chain, walletConnectProjectId } from "../../config/deployment.ts";
import { mainnet } from "viem/chains";

const configuredChain: Chain = chain ?? mainnet;

export const wagmiConfig = createConfig({
  chains: [configuredChain],
  connectors: [
    injected({ shimDisconnect: true }),
    ...(walletConnectProjectId
      ? [walletConnect({ projectId: walletConnectProjectId, showQrModal: false, metadata: walletConnectMetadata() })]
      : []),
  ],
  transports: { [configuredChain.id]: http(configuredChain.rpcUrls.default.http[0]) },
  pollingInterval: 2_000,
});

function walletConnectMetadata() {
  const origin = typeof location === "undefined" ? "https://modeldao.local" : location.origin;
  return { name: "ModelDAO", description: "Govern an AI model in the open", url: origin, icons: [] };
}

declare module "wagmi" {
  interface Register {
    config: typeof wagmiConfig;
  }
}
