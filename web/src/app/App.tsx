import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "react-router";
import { WagmiProvider } from "wagmi";
import { wagmiConfig } from "../features/wallet/wagmiConfig.ts";
import { router } from "./router.tsx";

const queryClient = new QueryClient({
  defaultOptions: {
    // Chain reads are refreshed by new blocks (useRefreshOnNewBlocks), not by timers or focus.
    queries: { staleTime: 30_000, refetchOnWindowFocus: false, retry: 1 },
  },
});

export function App() {
  return (
    <WagmiProvider config={wagmiConfig}>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </WagmiProvider>
  );
}
