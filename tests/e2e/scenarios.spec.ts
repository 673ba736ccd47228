import { expect, test, type Page } from "@playwright/test";
import { signIn } from "../support/e2e";

async function playToEnd(page: Page, pick: (count: number) => number) {
  for (let step = 0; step < 60; step++) {
    const choices = page.getByRole("group", { name: "Your choices" }).getByRole("button");
    if ((await page.getByRole("heading", { name: /^(Passed|Not passed)/ }).count()) > 0) return;
    const count = await choices.count();
    if (count === 0) {
      await page.waitForTimeout(100);
      continue;
    }
    // The player shows a step once the server has recorded it: wait for the next one (or the debrief).
    const now = Number(/^Step (\d+)/.exec(await page.locator(".now__heading").innerText())?.[1]);
    await choices.nth(pick(count)).click();
    await expect(
      page.getByRole("heading", { name: new RegExp(`^Step ${now + 1}:|^(Passed|Not passed)`) }).first(),
    ).toBeVisible({ timeout: 10_000 });
  }
}

test("an officer plays a role-play to an ending, reads the debrief and finds it in their history @postgres", async ({
  page,
}) => {
  await signIn(page, "officer@example.org");
  await page.goto("/scenarios");
  await page.getByRole("link", { name: "After the break-in" }).first().click();
  // Another spec may have left this officer an attempt in progress here: start over then.
  await page.getByRole("button", { name: /Start the role-play|Start over/ }).click();
  await expect(page.getByRole("heading", { name: "Step 1: what do you do?" })).toBeVisible();
  await playToEnd(page, () => 0);
  await expect(page.getByRole("heading", { name: /^(Passed|Not passed)/ })).toBeVisible({ timeout: 10_000 });
  await expect(page.getByRole("heading", { name: "Scores by competency" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "The path that scores best" })).toBeVisible();
  await page.goto("/scenarios");
  await expect(page.getByRole("link", { name: /^Debrief/ }).first()).toBeVisible();
});

test("when another tab already answered a step, the player says so and shows where the conversation stands @postgres", async ({
  browser,
}) => {
  const context = await browser.newContext();
  const a = await context.newPage();
  await signIn(a, "officer2@example.org");
  await a.goto("/scenarios/use-of-force-meeting");
  await a.getByRole("button", { name: /Start the role-play|Start over/ }).click();
  await expect(a.getByRole("heading", { name: "Step 1: what do you do?" })).toBeVisible();
  const b = await context.newPage();
  await b.goto(a.url());
  await a.getByRole("group", { name: "Your choices" }).getByRole("button").nth(0).click();
  await expect(a.getByRole("heading", { name: "Step 2: what do you do?" })).toBeVisible();
  // Tab B still shows step 1 and picks another choice: the server refuses it.
  await b.getByRole("group", { name: "Your choices" }).getByRole("button").nth(1).click();
  await expect(b.getByRole("heading", { name: "Step 2: what do you do?" })).toBeVisible();
  const firstChoice = (await a.locator(".transcript .facilitator").first().innerText()).trim();
  await expect(b.locator(".transcript .facilitator").first()).toHaveText(firstChoice);
  // The message is still there once the page shows where the conversation stands (reloading it cleared it once).
  await expect(b.getByRole("alert")).toContainText("already answered");
  await context.close();
});
