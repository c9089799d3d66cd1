// wagmi is configured at startup; RainbowKit's modal and provider load with the connect button (ConnectControl)
// and list these connectors. WalletConnect joins only when a project id
// is configured; its provider package is fetched by wagmi on first use, not at startup.
import { injectedWallet, walletConnectWallet } from "@rainbow-me/rainbowkit/wallets";
import { createConfig, http } from "wagmi";
import type { Chain } from "viem";
import { chain, walletConnectProjectId } from "../../config/deployment.ts";
import { rainbowConnectors } from "./rainbowConnectors.ts";
import { mainnet } from "viem/chains";

const configuredChain: Chain = chain ?? mainnet;

export const wagmiConfig = createConfig({
  chains: [configuredChain],
  connectors: rainbowConnectors(
    [
      {
        groupName: "Wallets",
        wallets: walletConnectProjectId ? [injectedWallet, walletConnectWallet] : [injectedWallet],
      },
    ],
    {
      appName: "ModelDAO",
      // RainbowKit's helper requires a project id even when WalletConnect is not offered; it is unused then.
      projectId: walletConnectProjectId ?? "unused",
      appDescription: walletConnectMetadata().description,
      appUrl: walletConnectMetadata().url,
    },
  ),
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
