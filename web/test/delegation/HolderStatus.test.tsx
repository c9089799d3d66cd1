import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, render, screen } from "@testing-library/react";
import type { ReactNode } from "react";
import { zeroAddress, type Address } from "viem";
import { hardhat } from "viem/chains";
import { afterEach, describe, expect, it } from "vitest";
import { createConfig, http, WagmiProvider, type ResolvedRegister } from "wagmi";
import { mock } from "wagmi/connectors";
import { HolderStatus } from "../../src/features/delegation/HolderStatus.tsx";

const holder = "0xFABB0ac9d68B0B445fB7357272Ff202C5651694a" as Address;
const config = createConfig({
  chains: [hardhat],
  connectors: [mock({ accounts: [holder] })],
  transports: { [hardhat.id]: http("http://127.0.0.1:1") },
});

function Providers({ children }: { children: ReactNode }) {
  return (
    // The app registers its own config type with wagmi; this test config has a mock connector instead.
    <WagmiProvider config={config as unknown as ResolvedRegister["config"]} reconnectOnMount={false}>
      <QueryClientProvider client={new QueryClient()}>{children}</QueryClientProvider>
    </WagmiProvider>
  );
}

afterEach(cleanup);

describe("HolderStatus", () => {
  it("tells a holder who never delegated why their voting power is zero", () => {
    render(
      <HolderStatus
        account={holder}
        holder={{ balance: 1000n * 10n ** 18n, votes: 0n, delegate: zeroAddress, symbol: "MDAO" }}
      />,
      { wrapper: Providers },
    );
    expect(screen.getByText("never delegated")).toBeTruthy();
    const explanation = screen.getByTestId("voting-power-explanation");
    expect(explanation.textContent).toMatch(/You hold 1,000 MDAO but your voting power is zero/);
    expect(explanation.textContent).toMatch(/even to yourself/);
    expect(explanation.className).toContain("notice--warn");
  });
  it("shows the delegate's address when delegated to someone else", () => {
    const other = "0x90F79bf6EB2c4f870365E785982E1f101E93b906" as Address;
    render(
      <HolderStatus
        account={holder}
        holder={{ balance: 5n * 10n ** 18n, votes: 0n, delegate: other, symbol: "MDAO" }}
      />,
      {
        wrapper: Providers,
      },
    );
    expect(screen.getByLabelText(other)).toBeTruthy();
    expect(screen.getByTestId("voting-power-explanation").textContent).toContain(`delegated your 5 MDAO to ${other}`);
  });
});
