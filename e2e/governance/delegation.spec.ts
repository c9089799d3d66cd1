// Journey 9: a holder with tokens but no voting power is told why and delegates in one click, or by signature.
import { connectThroughRainbowKit, expect, test } from "../support/fixtures.ts";
import { ACCOUNTS } from "../support/wallet.ts";
import { abis } from "../../web/src/contracts/abis.ts";

test("a holder who never delegated is told why they have no votes and delegates to self in one click", async ({
  page,
  connect,
  chain,
  stack,
}) => {
  const wallet = await connect(page, ACCOUNTS.undelegatedHolder);
  await page.goto("/delegate");
  await connectThroughRainbowKit(page);
  const explanation = page.getByTestId("voting-power-explanation");
  await expect(explanation).toContainText("never delegated");
  await page.getByRole("button", { name: "Delegate to myself" }).click();
  await expect(page.getByText("Delegated. Your voting power is updated.")).toBeVisible();
  await expect(explanation).not.toContainText("never delegated");
  const votes = await chain.client.readContract({
    address: stack.deployment.contracts.token,
    abi: abis.token,
    functionName: "getVotes",
    args: [wallet.account.address],
  });
  expect(votes).toBeGreaterThan(0n);
});

test("delegating by signature: the wallet signs (free), the signature is submitted, the power moves", async ({
  page,
  connect,
  chain,
  stack,
}) => {
  const wallet = await connect(page, ACCOUNTS.undelegatedHolder);
  await page.goto("/delegate");
  await connectThroughRainbowKit(page);
  await page.getByLabel(/Signature/).check();
  await page.getByRole("button", { name: "Delegate to myself" }).click();
  await expect(page.getByText("Delegated. Your voting power is updated.")).toBeVisible();
  const delegate = await chain.client.readContract({
    address: stack.deployment.contracts.token,
    abi: abis.token,
    functionName: "delegates",
    args: [wallet.account.address],
  });
  expect(delegate).toBe(wallet.account.address);
});
