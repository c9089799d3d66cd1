// The wagmi connectors RainbowKit's modal lists. RainbowKit shows only connectors carrying its `rkDetails`
// metadata, which its `connectorsForWallets` adds; that helper lives in the package's main entry, and importing it
// would put all of RainbowKit (~90 KB gz) into the first paint. This mirrors what it does for our short list,
// using the small `@rainbow-me/rainbowkit/wallets` entry.
import type { Wallet, WalletList } from "@rainbow-me/rainbowkit";
import type { CreateConnectorFn } from "wagmi";

type Options = { projectId: string; appName: string; appDescription: string; appUrl: string };

export function rainbowConnectors(walletList: WalletList, options: Options): CreateConnectorFn[] {
  const metadata = { name: options.appName, description: options.appDescription, url: options.appUrl, icons: [] };
  const connectors: CreateConnectorFn[] = [];
  let index = -1;
  walletList.forEach(({ groupName, wallets }, groupIndex) => {
    for (const createWallet of wallets) {
      index += 1;
      const { createConnector, hidden, ...walletMeta } = createWallet({
        projectId: options.projectId,
        appName: options.appName,
        options: { metadata },
        walletConnectParameters: { metadata },
      } as Parameters<typeof createWallet>[0]) as Wallet;
      if (typeof hidden === "function" && hidden()) continue;
      const details = (extra: Record<string, unknown> = {}) => ({
        rkDetails: {
          ...walletMeta,
          groupIndex: groupIndex + 1,
          groupName,
          index,
          isRainbowKitConnector: true,
          ...extra,
        },
      });
      if (walletMeta.id === "walletConnect")
        connectors.push(createConnector(details({ isWalletConnectModalConnector: true, showQrModal: true }) as never));
      connectors.push(createConnector(details() as never));
    }
  });
  return connectors;
}
