// Journey 7: the guardian pauses with a reason → every page shows it → activating a model fails while paused, in
// words, before the wallet opens → the guardian has no way to unpause: only a governance proposal does.
import type { Page } from "@playwright/test";
import { connectThroughRainbowKit, expect, test } from "../support/fixtures.ts";
import { ACCOUNTS } from "../support/wallet.ts";

const REASON = "digits-mlp misclassifies sevens in production";
const DAY = 86_400;

async function expectPausedBanner(page: Page) {
  const banner = page.getByTestId("pause-banner");
  await expect(banner).toContainText(REASON);
  await expect(banner).toContainText("Only a governance proposal can unpause");
}

test("the guardian pauses everything with a reason; every page shows it; a passed activation cannot run", async ({
  page,
  connect,
  chain,
}) => {
  const wallet = await connect(page, ACCOUNTS.guardian);
  await page.goto("/guardian");
  await connectThroughRainbowKit(page);

  const pauseAll = page.getByRole("region", { name: "Pause every model" });
  await pauseAll.getByRole("button", { name: "Pause everything" }).click();
  await expect(page.getByTestId("pause-banner")).toHaveCount(0);
  await pauseAll.getByLabel("Reason (shown on every page)").fill(REASON);
  await pauseAll.getByRole("button", { name: "Pause everything" }).click();
  await expectPausedBanner(page);
  await expect(page.getByRole("button", { name: /unpause/i })).toHaveCount(0);

  for (const link of ["Overview", "Proposals", "Models", "Treasury"]) {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: link }).click();
    await expectPausedBanner(page);
  }

  // The honest upgrade passed before the pause; anyone may queue and execute it, but the registry refuses.
  await wallet.switchAccount(ACCOUNTS.stranger);
  await chain.advance(3 * DAY + 3_600);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Proposals" }).click();
  await page.getByRole("link", { name: "Upgrade digits to digits-cnn v2" }).click();
  await page.getByRole("button", { name: "Queue for execution" }).click();
  await expect(page.getByText(/Executable in/)).toBeVisible();
  await chain.advance(DAY + 60);
  await page.getByRole("button", { name: "Execute" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "paused by the kill switch" })).toBeVisible();
  await expect(page.getByText("Queued").first()).toBeVisible();
});
