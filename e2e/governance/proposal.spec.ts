// Journey 6 (a passed proposal runs: queue → timelock countdown → execute → the active model changes) and the
// failure paths every transaction shares: wrong network, a rejected signature, the chain node going away.
import type { Page } from "@playwright/test";
import { abis } from "../../web/src/contracts/abis.ts";
import { connectThroughRainbowKit, expect, test } from "../support/fixtures.ts";
import { ACCOUNTS } from "../support/wallet.ts";
import { stringToHex } from "viem";

const UPGRADE_TITLE = "Upgrade digits to digits-cnn v2";
const DAY = 86_400;

async function openProposal(page: Page, title: string) {
  await page.goto("/proposals");
  await page.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
}

test("the upgrade proposal shows its action decoded into words and the raw call on demand", async ({ page }) => {
  await openProposal(page, UPGRADE_TITLE);
  const actions = page.getByTestId("proposal-actions");
  await expect(actions).toContainText(/Activate digits v2 \(CID bafy.*\) replacing v1/);
  await actions.getByRole("button", { name: "Show raw call" }).click();
  await expect(actions).toContainText("0x");
  await expect(page.getByTestId("quorum-text")).toContainText("reached");
});

test("a passed upgrade is queued, waits out the timelock, executes, and the registry's active version changes", async ({
  page,
  connect,
  chain,
  stack,
}) => {
  await connect(page, ACCOUNTS.stranger);
  await openProposal(page, UPGRADE_TITLE);
  await connectThroughRainbowKit(page);
  await chain.advance(3 * DAY + 3_600);
  await expect(page.getByText("Passed — ready to queue")).toBeVisible();
  await page.getByRole("button", { name: "Queue for execution" }).click();
  await expect(page.getByText(/Executable in 1d|Executable in 23h/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Execute" })).toHaveCount(0);
  await chain.advance(DAY + 60);
  await page.getByRole("button", { name: "Execute" }).click();
  await expect(page.getByText(/^Executed /).first()).toBeVisible();
  const active = await chain.client.readContract({
    address: stack.deployment.contracts.modelRegistry,
    abi: abis.modelRegistry,
    functionName: "activeVersion",
    args: [stringToHex("digits", { size: 32 })],
  });
  expect(active).toBe(2);
  // Everywhere in the dApp: the overview, the models list, and the registry history with both versions.
  await page.getByRole("link", { name: "Overview" }).click();
  await expect(page.getByText("v2 active").first()).toBeVisible();
  await page.goto("/models/digits");
  await expect(page.getByText("v2 activated, replacing v1")).toBeVisible();
  await expect(page.getByText(/v1 activated/)).toBeVisible();
});

test("a wallet on another network is asked to switch before anything is sent", async ({ page, connect }) => {
  const wallet = await connect(page, ACCOUNTS.holder);
  await openProposal(page, UPGRADE_TITLE);
  await connectThroughRainbowKit(page);
  await wallet.pretendChain(1);
  const banner = page.getByTestId("wrong-network-banner");
  await expect(banner).toBeVisible();
  await banner.getByRole("button", { name: /Switch to/ }).click();
  await expect(banner).toHaveCount(0);
});

test("a rejected vote signature leaves the page usable and the vote can be sent again", async ({ page, connect }) => {
  const wallet = await connect(page, ACCOUNTS.holder);
  await openProposal(page, UPGRADE_TITLE);
  await connectThroughRainbowKit(page);
  const form = page.getByRole("form", { name: "Cast your vote" });
  await form.getByLabel("Against").check();
  wallet.rejectNextRequests(1);
  await form.getByRole("button", { name: "Vote Against" }).click();
  await expect(page.getByText("You rejected the request in your wallet. Nothing was sent.")).toBeVisible();
  await form.getByRole("button", { name: "Vote Against" }).click();
  await expect(page.getByText("Your vote is recorded.")).toBeVisible();
  await expect(page.getByTestId("tally-against")).not.toContainText(/^0 MDAO/);
});

test("when the chain node stops answering a banner says so, and the page recovers when it returns", async ({
  page,
  stack,
}) => {
  await openProposal(page, UPGRADE_TITLE);
  const isRpc = (url: URL) => url.href.startsWith(stack.rpcUrl);
  await page.route(isRpc, (route) => route.abort("connectionrefused"));
  await expect(page.getByTestId("rpc-down-banner")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: UPGRADE_TITLE })).toBeVisible();
  await page.unroute(isRpc);
  await expect(page.getByTestId("rpc-down-banner")).toHaveCount(0);
});
