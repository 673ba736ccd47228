import { expect, test } from "@playwright/test";
import { signIn } from "../support/e2e";

test("an officer plays a role-play to an ending with the keyboard alone", async ({ page }) => {
  // A recruit with no role-play history: what other specs played before never changes where this one starts.
  await signIn(page, "recruit29@example.org");
  await page.goto("/scenarios/school-circle");
  const start = page.getByRole("button", { name: /Start the role-play|Start over/ }).first();
  await start.focus();
  await page.keyboard.press("Enter");
  const now = page.getByRole("heading", { name: /^Step \d+: what do you do\?$/ });
  await expect(now).toBeVisible();
  for (let step = 1; step < 60; step++) {
    if (await page.getByRole("heading", { name: /^(Passed|Not passed)/ }).count()) break;
    const first = page.getByRole("group", { name: "Your choices" }).getByRole("button").first();
    if (!(await first.count())) {
      await page.waitForTimeout(100);
      continue;
    }
    // Tab forward to the first choice (after a choice, focus starts on the new step's heading).
    for (let tabs = 0; tabs < 40 && !(await first.evaluate((el) => el === document.activeElement)); tabs++)
      await page.keyboard.press("Tab");
    await expect(first).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(
      page
        .getByRole("heading", { name: new RegExp(`^Step ${step + 1}:|The process ends|^(Passed|Not passed)`) })
        .first(),
    ).toBeVisible({ timeout: 10_000 });
    const heading = page.getByRole("heading", { name: new RegExp(`^Step ${step + 1}:`) });
    if (await heading.count()) await expect(heading).toBeFocused();
  }
  await expect(page.getByRole("heading", { name: /^(Passed|Not passed)/ })).toBeVisible({ timeout: 10_000 });
});
