// Journey 9: a holder with tokens but no voting power is told why and delegates in one click.
import { connectThroughRainbowKit, expect, test } from "../support/fixtures.ts";
import { ACCOUNTS } from "../support/wallet.ts";

test("a holder who never delegated is told why they cannot vote and delegates to self in one click", async ({
  page,
  connect,
}) => {
  await connect(page, ACCOUNTS.undelegatedHolder);
  await page.goto("/delegate");
  await connectThroughRainbowKit(page);
  await expect(page.getByText(/not delegated|never delegated|do not count/i).first()).toBeVisible();
  await page.getByRole("button", { name: /delegate to (myself|yourself|self)/i }).click();
  await expect(page.getByText(/confirmed|delegated to yourself/i).first()).toBeVisible();
});
