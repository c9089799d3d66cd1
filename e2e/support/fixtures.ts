// What every journey gets: the running stack, a chain snapshot reverted after the test, clock control, and a
// wallet to connect through RainbowKit's real modal.
import { expect, test as base, type Page } from "@playwright/test";
import { createPublicClient, createTestClient, http, type Hex } from "viem";
import { hardhat } from "viem/chains";
import { loadStack, type StackInfo } from "./stack.ts";
import { TestWallet } from "./wallet.ts";

export type ChainControl = {
  client: ReturnType<typeof createPublicClient>;
  /** Moves the chain's clock forward and mines a block, as `npm run chain:advance` does. */
  advance(seconds: number): Promise<void>;
  timestamp(): Promise<number>;
};

type Fixtures = {
  stack: StackInfo;
  chain: ChainControl;
  snapshot: void;
  connect: (page: Page, accountIndex: number) => Promise<TestWallet>;
};

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern
  stack: async ({}, use) => use(loadStack()),
  baseURL: async ({ stack }, use) => use(stack.webUrl),
  chain: async ({ stack }, use) => {
    const transport = http(stack.rpcUrl);
    const client = createPublicClient({ chain: hardhat, transport });
    const testClient = createTestClient({ chain: hardhat, mode: "hardhat", transport });
    await use({
      client,
      async advance(seconds) {
        await testClient.increaseTime({ seconds });
        await testClient.mine({ blocks: 1 });
      },
      async timestamp() {
        return Number((await client.getBlock()).timestamp);
      },
    });
  },
  snapshot: [
    async ({ stack }, use) => {
      const rpc = (method: string, params: unknown[] = []) =>
        fetch(stack.rpcUrl, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
        }).then(async (response) => ((await response.json()) as { result: Hex }).result);
      const id = await rpc("evm_snapshot");
      await use();
      await rpc("evm_revert", [id]);
    },
    { auto: true },
  ],
  connect: async ({ stack }, use) => {
    await use(async (page, accountIndex) => {
      const wallet = new TestWallet(stack.rpcUrl, accountIndex);
      await wallet.install(page);
      return wallet;
    });
  },
});

/** Opens RainbowKit's modal and picks the injected browser wallet, as a person would. */
export async function connectThroughRainbowKit(page: Page) {
  await page.getByRole("button", { name: "Connect wallet" }).first().click();
  const dialog = page.getByRole("dialog");
  await dialog
    .getByRole("button", { name: /Browser Wallet|Injected/i })
    .first()
    .click();
  await expect(page.getByRole("button", { name: "Connect wallet" })).toHaveCount(0, { timeout: 15_000 });
}

export { expect };
