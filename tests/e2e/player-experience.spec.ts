// The officer's everyday play (issue 15): the participant strip at a phone's size, one history entry per attempt,
// fast clicks, lettered knowledge-check options and what follows a pass, the debrief's summary, and axe on each.
import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations, layoutProblems, pageAs, waitForHydration } from "../support/a11y";
import { answerCheck } from "../support/e2e";

const OFFICER = "officer@example.org";
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

const stepHeading = (page: Page, n: number) => page.getByRole("heading", { name: `Step ${n}: what do you do?` });
const choices = (page: Page) => page.getByRole("group", { name: "Your choices" }).getByRole("button");
const verdict = (page: Page) => page.getByRole("heading", { name: /^(Passed|Not passed)/ });

/** Opens a role-play's page and starts a practice attempt afresh, at step 1. */
async function startPractice(page: Page, slug: string) {
  await page.goto(`/scenarios/${slug}`);
  await waitForHydration(page);
  const over = page.getByRole("button", { name: "Start over" });
  await ((await over.count()) ? over : page.getByRole("button", { name: "Start the role-play" })).click();
  await expect(stepHeading(page, 1)).toBeVisible();
  await waitForHydration(page);
}

/** Takes the first choice at each step until step `to` (or the debrief when `to` is null). */
async function playOn(page: Page, from: number, to: number | null) {
  for (let step = from; to === null || step < to; step++) {
    await expect(stepHeading(page, step)).toBeVisible();
    await choices(page).first().click();
    await expect(stepHeading(page, step + 1).or(verdict(page))).toBeVisible({ timeout: 10_000 });
    if (await verdict(page).count()) return;
  }
}

test("at step 5 on a 390×844 phone, the strip with the last change, the step estimate and the first choice are all on screen", async ({
  browser,
}) => {
  const page = await pageAs(browser, OFFICER, { viewport: PHONE });
  await startPractice(page, "burglary-dialogue");
  await playOn(page, 1, 5);
  await expect(stepHeading(page, 5)).toBeFocused();
  const strip = page.getByRole("region", { name: "The participants" });
  await expect(strip.getByText(/^Step 5 of about \d+$/)).toBeInViewport();
  // The change is written with its sign and the participant's name, not shown by colour alone.
  await expect(strip.locator(".strip__changes")).toContainText(/[A-Z][a-z]+'s? (trust|safety) [+−]\d+/);
  await expect(strip.locator(".strip__changes")).toBeInViewport();
  await expect(choices(page).first()).toBeInViewport();
  // The earlier steps are folded away; the table of every meter unfolds on demand, each meter named per participant.
  await expect(page.getByText(/^Earlier in the conversation \(3 steps\)$/)).toBeVisible();
  await expect(page.getByRole("meter", { name: "Maria's trust" })).toBeHidden();
  await strip.getByRole("button", { name: "Show everyone’s state" }).click();
  await expect(page.getByRole("meter", { name: "Maria's trust" })).toBeAttached();
  await expect(strip.getByRole("rowheader", { name: /^Maria\b/ })).toBeVisible();
  await strip.getByRole("button", { name: "Hide everyone’s state" }).click();
  // Screen readers are told politely what changed and what was said.
  const said = page.locator("[aria-live=polite]").filter({ hasText: / (rose|fell) by \d+ to \d+/ });
  await expect(said).toHaveCount(1);
  await expect(said).toContainText(/: /);
  await expectNoAxeViolations(page, "the player at step 5 on a phone");
  // At the reflow width of WCAG 1.4.10 the strip's table still fits: no sideways scrolling, nothing cut off.
  await page.setViewportSize({ width: 320, height: 640 });
  expect(await layoutProblems(page)).toEqual([]);
  await page.setViewportSize(DESKTOP);
  await expectNoAxeViolations(page, "the player at step 5 on a desktop");
  await expect(strip).toBeInViewport();
  await page.context().close();
});

test("after a full play a single Back leaves the player, and the debrief opens with a summary and ends with what to do next", async ({
  browser,
}) => {
  const page = await pageAs(browser, OFFICER, { viewport: DESKTOP });
  // The list shows Level 1 role-plays first, each tagged with the certification it is required for.
  await page.goto("/scenarios");
  const cards = page.getByRole("main").getByRole("list").first().getByRole("listitem");
  await expect(cards.first()).toContainText("Level 1");
  await expect(cards.first()).toContainText("Required for: Level 1 certification");
  await expect(cards.filter({ hasText: "After Carver Street" })).toContainText("Level 2");
  await startPractice(page, "vandalism-conference");
  const details = new URL(page.url()).pathname.replace(/\/attempts\/.*/, "");
  await playOn(page, 1, null);
  await expect(verdict(page)).toBeVisible();
  await expect(verdict(page)).toBeFocused();
  // The summary comes first: the outcome and (at most) three things to work on.
  const summary = page.getByRole("region", { name: "In short" });
  await expect(summary).toBeVisible();
  await expect(summary.getByRole("heading", { name: "What to work on" })).toBeVisible();
  const items = await summary.getByRole("listitem").count();
  expect(items).toBeGreaterThanOrEqual(1);
  expect(items).toBeLessThanOrEqual(3);
  const next = page.getByRole("navigation", { name: "What next" });
  await expect(next.getByRole("button", { name: "Try this role-play again" })).toBeVisible();
  await expect(next.getByRole("link", { name: "Your progress" })).toBeVisible();
  await expect(next.getByRole("link", { name: /^Next role-play: / })).toBeVisible();
  await expectNoAxeViolations(page, "the debrief on a desktop");
  await page.setViewportSize(PHONE);
  await expectNoAxeViolations(page, "the debrief on a phone");
  await page.goBack();
  await expect(page).toHaveURL((url) => url.pathname === details);
  await page.context().close();
});

test("fast and double clicks record one choice per step, with no error, and land on the step the server has", async ({
  browser,
}) => {
  const page = await pageAs(browser, OFFICER, { viewport: DESKTOP });
  const problems: string[] = [];
  page.on("response", (r) => {
    if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
  });
  page.on("pageerror", (e) => problems.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(m.text());
  });
  await startPractice(page, "school-circle");
  // Every step number the page ever shows, however briefly: it must never go back.
  await page.evaluate(() => {
    const seen: number[] = ((window as unknown as { stepsSeen: number[] }).stepsSeen = []);
    const note = () => {
      const n = Number(/^Step (\d+)/.exec(document.querySelector(".now__heading")?.textContent ?? "")?.[1] ?? 0);
      if (n && seen.at(-1) !== n) seen.push(n);
    };
    note();
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  // A double click on a choice is one choice: the second click, landing on step 2's buttons, is ignored.
  await choices(page).first().dblclick();
  await expect(stepHeading(page, 2)).toBeVisible();
  // Clicks as soon as each new step shows.
  for (const step of [2, 3, 4]) {
    await choices(page).nth(1).click();
    await expect(stepHeading(page, step + 1)).toBeVisible();
  }
  // Enter twice at once on step 5: one choice.
  await choices(page).first().focus();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Enter");
  await expect(stepHeading(page, 6)).toBeVisible();
  await page.waitForLoadState("networkidle");
  await expect(stepHeading(page, 6)).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { stepsSeen: number[] }).stepsSeen)).toEqual([
    1, 2, 3, 4, 5, 6,
  ]);
  await page.reload();
  await expect(stepHeading(page, 6)).toBeVisible();
  await expect(page.getByRole("alert")).toHaveCount(0);
  expect(problems).toEqual([]);
  await page.context().close();
});

test("knowledge-check options are lettered; after a pass, Next module is the main action and focus is on the result @postgres", async ({
  browser,
}) => {
  const page = await pageAs(browser, OFFICER, { viewport: DESKTOP });
  await page.goto("/modules/what-is-restoration");
  await waitForHydration(page);
  const questions = page.getByRole("group").filter({ has: page.getByRole("radio") });
  const first = questions.first();
  const count = await first.getByRole("radio").count();
  for (let i = 0; i < count; i++)
    await expect(first.locator(".option__letter").nth(i)).toHaveText(
      new RegExp(`^${String.fromCharCode(65 + i)}\\.?$`),
    );
  // The letter is part of each option's name, so "B" in speech matches "B" on screen.
  await expect(first.getByRole("radio").nth(1)).toHaveAccessibleName(/^B\b/);
  await expectNoAxeViolations(page, "a module page on a desktop");
  await page.setViewportSize(PHONE);
  await expectNoAxeViolations(page, "a module page on a phone");
  await page.setViewportSize(DESKTOP);
  await answerCheck(page, "what-is-restoration", () => "right");
  await page.getByRole("button", { name: "Submit answers" }).click();
  await expect(page.locator("#check-result")).toContainText("Passed:");
  await expect(page.locator("#check-result")).toBeFocused();
  const next = page.locator("#check-result").getByRole("link", { name: /^Next module: / });
  await expect(next).toHaveClass(/\bbutton\b/);
  await expect(page.getByRole("button", { name: /Submit/ })).toHaveCount(0);
  // The answer key names each option with its letter as shown in that attempt.
  await expect(page.locator(".review-options .option__letter").first()).toHaveText(/^A\.?$/);
  await next.click();
  await expect(page.getByRole("heading", { level: 1 })).not.toHaveText("What is restoration?");
  await page.context().close();
});

test("a supervisor reading an officer's debrief reads of the officer's choices, not 'your choices', and no what-next", async ({
  browser,
}) => {
  const page = await pageAs(browser, "supervisor@example.org", { viewport: DESKTOP });
  await page.goto("/supervisor");
  await page.getByRole("link", { name: "Thao Nguyen" }).click();
  await page.getByRole("region", { name: "Role-play attempts" }).getByRole("link").first().click();
  await expect(page.getByRole("heading", { name: "The officer’s choices, one by one" })).toBeVisible();
  await expect(page.getByRole("heading", { name: /^Your choices/ })).toHaveCount(0);
  await expect(page.getByText("The officer chose:").first()).toBeVisible();
  await expect(
    page.getByRole("region", { name: "In short" }).getByRole("heading", { name: "What to work on" }),
  ).toBeVisible();
  await expect(page.getByRole("navigation", { name: "What next" })).toHaveCount(0);
  await page.context().close();
});
