// A participant's own meter in the player and the debrief (issue 19): in burglary-dialogue only Maria has a
// sense of being heard; a choice that takes her doubt first raises it, the strip says so by name, and the
// debrief shows where it ended. Axe on both pages.
import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations, pageAs, waitForHydration } from "../support/a11y";

const OFFICER = "officer@example.org";
const SLUG = "burglary-dialogue";

const stepHeading = (page: Page, n: number) => page.getByRole("heading", { name: `Step ${n}: what do you do?` });
const choices = (page: Page) => page.getByRole("group", { name: "Your choices" }).getByRole("button");
const verdict = (page: Page) => page.getByRole("heading", { name: /^(Passed|Not passed)/ });

test("Maria's own meter moves in the strip and ends in the debrief; nobody else has it", async ({ browser }) => {
  test.setTimeout(180_000);
  const page = await pageAs(browser, OFFICER, { viewport: { width: 1280, height: 800 } });
  await page.goto(`/scenarios/${SLUG}`);
  await waitForHydration(page);
  const over = page.getByRole("button", { name: "Start over" });
  await ((await over.count()) ? over : page.getByRole("button", { name: "Start the role-play" })).click();
  await expect(stepHeading(page, 1)).toBeVisible();
  await waitForHydration(page);

  const strip = page.getByRole("region", { name: "The participants" });
  const voice = strip.getByRole("meter", { name: "Maria's sense of being heard" });
  await expect(voice).toHaveAttribute("value", "30");
  await expect(strip.getByRole("columnheader", { name: "Their own" })).toBeVisible();
  await expect(strip.getByRole("meter", { name: /^Ethan's sense of being heard/ })).toHaveCount(0);

  await choices(page)
    .filter({ hasText: /^Take Maria's doubt first/ })
    .click();
  await expect(stepHeading(page, 2)).toBeVisible();
  await expect(strip.locator(".strip__changes")).toContainText("Maria's sense of being heard +10");
  await expect(voice).toHaveAttribute("value", "40");
  await expect(strip.getByRole("row", { name: /^Ethan\b/ })).toContainText("none");
  await expectNoAxeViolations(page, "the player with a participant's own meter");

  for (let step = 2; step < 40 && !(await verdict(page).count()); step++) {
    await expect(stepHeading(page, step)).toBeVisible();
    await choices(page).first().click();
    await expect(stepHeading(page, step + 1).or(verdict(page))).toBeVisible({ timeout: 15_000 });
  }
  const moved = page.getByRole("region", { name: "How each participant's state moved" });
  await expect(moved.getByRole("columnheader", { name: "Their own (start → end)" })).toBeVisible();
  await expect(moved.getByRole("row", { name: /^Maria Okafor/ })).toContainText(/sense of being heard 30 → \d+/);
  await expectNoAxeViolations(page, "the debrief with a participant's own meter");
});
