// Journey 8: a proposal pays a data contributor; after the vote, the timelock and execution, the treasury page shows it.
import { parseEther } from "viem";
import { connectThroughRainbowKit, expect, test } from "../support/fixtures.ts";
import { passProposal, proposalIdFromUrl } from "../support/governance.ts";
import { ACCOUNTS, accountAt } from "../support/wallet.ts";

const DAY = 86_400;

test("a maintainer proposes a 2 ETH payout to the contributor; it passes, runs, and the treasury shows it", async ({
  page,
  connect,
  chain,
  stack,
}) => {
  test.setTimeout(180_000);
  const contributor = accountAt(ACCOUNTS.contributor).address;
  await connect(page, ACCOUNTS.maintainer);
  await page.goto("/proposals/new/payout");
  await connectThroughRainbowKit(page);
  await expect(page.getByTestId("proposer-standing")).toContainText("proposing needs");

  const form = page.getByRole("form", { name: "Pay a contributor" });
  await form.getByLabel("Amount").fill("abc");
  await form.getByLabel(/Recipient address/).fill(contributor);
  await form.getByRole("button", { name: "Add this action" }).click();
  await expect(form.getByRole("alert")).toContainText("positive number");
  await form.getByLabel("Amount").fill("2");
  await form.getByLabel(/Memo/).fill("labelling 1,000 digits");
  await form.getByRole("button", { name: "Add this action" }).click();
  await expect(page.getByTestId("proposal-actions")).toContainText(`Pay 2 ETH to ${contributor}`);
  await page.getByLabel("Title").fill("Pay the digit labeller");
  await page.getByLabel(/Description/).fill("For labelling **1,000** digits of the evaluation set.");
  await page.getByRole("button", { name: "Propose" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Pay the digit labeller" })).toBeVisible();
  await expect(page.getByTestId("proposal-actions")).toContainText(`Pay 2 ETH to ${contributor}`);
  await passProposal(chain, stack, proposalIdFromUrl(page.url()));
  await page.getByRole("button", { name: "Queue for execution" }).click();
  await expect(page.getByText(/Executable in/)).toBeVisible();
  await chain.advance(DAY + 60);
  const before = await chain.client.getBalance({ address: contributor });
  await page.getByRole("button", { name: "Execute" }).click();
  await expect(page.getByText(/^Executed /).first()).toBeVisible();
  expect((await chain.client.getBalance({ address: contributor })) - before).toBe(parseEther("2"));

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Treasury" }).click();
  await expect(page.getByText("labelling 1,000 digits").first()).toBeVisible();
});
