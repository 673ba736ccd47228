import { expect, test } from "@playwright/test";
import { signIn } from "./support";

test("an officer fails a knowledge check, passes on a second try, and sees the module passed", async ({ page }) => {
  await signIn(page, "officer2@example.org");
  await page.goto("/modules");
  const first = page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 2 }) }).first();
  const title = (await first.getByRole("heading", { level: 2 }).innerText()).trim();
  await first.getByRole("link").first().click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "In this module" })).toBeVisible();

  // The page as served carries no answer key.
  const html = await page.content();
  expect(html).not.toMatch(/"answer"|Correct answer|explanation/i);

  const questions = page.getByRole("group").filter({ has: page.getByRole("radio") });
  const count = await questions.count();
  expect(count).toBeGreaterThanOrEqual(5);
  // First try: the last option everywhere (wrong for at least one question in every module).
  for (let i = 0; i < count; i++) await questions.nth(i).getByRole("radio").last().check();
  await page.getByRole("button", { name: "Submit answers" }).click();
  const status = page.locator("#check-result");
  await expect(status).toContainText("Not passed yet");
  await expect(status).toBeFocused();
  // Second try: after submitting, the page marks the correct answers.
  for (let i = 0; i < count; i++) {
    await questions.nth(i).locator("label", { hasText: "Correct answer" }).click();
  }
  await page.getByRole("button", { name: "Submit again" }).click();
  await expect(status).toContainText("Passed:");
  await page.goto("/modules");
  const card = page.getByRole("listitem").filter({ hasText: title.replace(/^\d+\.\s*/, "") }).first();
  await expect(card.getByText("Passed", { exact: true })).toBeVisible();
});
