import { expect, test } from "@playwright/test";
import { answerCheck, explanations, ideas, moveCheckAttemptsBack, pageDataText, signIn } from "../support/e2e";

const OFFICER = "officer2@example.org";

test("an officer fails a knowledge check, learns what to review but not the answers, passes after the cool-down, and sees the module passed", async ({
  page,
  baseURL,
}) => {
  await signIn(page, OFFICER);
  await page.goto("/modules");
  const first = page
    .getByRole("listitem")
    .filter({ has: page.getByRole("heading", { level: 2 }) })
    .first();
  const title = (await first.getByRole("heading", { level: 2 }).innerText()).trim();
  await first.getByRole("link").first().click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "In this module" })).toBeVisible();
  const slug = new URL(page.url()).pathname.split("/").pop()!;
  const hidden = explanations(slug).map((e) => e.slice(0, 60));
  // The answer key and the explanations, in what the officer sees or what the browser was sent.
  const leaks = async () => {
    const text = [await page.content(), await page.locator("body").innerText(), await pageDataText(page)].join("\n");
    return [
      /"answer"|(^|\n)answer\n|Correct answer/.test(text) ? "answer key" : null,
      ...hidden.filter((e) => text.includes(e)),
    ].filter(Boolean);
  };

  // The page as served carries no answer key, and draws part of the bank.
  expect(await leaks()).toEqual([]);
  const questions = page.getByRole("group").filter({ has: page.getByRole("radio") });
  const count = await questions.count();
  expect(count).toBeGreaterThanOrEqual(3);
  const firstDraw = await questions.locator("legend").allInnerTexts();

  // First try: every answer wrong.
  await answerCheck(page, slug, () => "wrong");
  await page.getByRole("button", { name: "Submit answers" }).click();
  const status = page.locator("#check-result");
  await expect(status).toContainText("Not passed yet");
  await expect(status).toBeFocused();
  // What to review for each wrong answer, and still no answer key, in the page or in the data it was built from.
  await expect(page.locator(".explanation--wrong")).toHaveCount(count);
  const shown = (await page.locator(".explanation--wrong").first().innerText())
    .replace(/^Not quite\.\s*/, "")
    .replace(/\s+/g, " ")
    .trim();
  expect(ideas(slug)).toContain(shown);
  expect(await leaks()).toEqual([]);
  // No new questions until the cool-down has passed, and the page says when.
  await expect(page.locator("#check-gate")).toContainText(
    /Your next attempt is allowed at \d{4}-\d\d-\d\d \d\d:\d\d UTC/,
  );
  await expect(questions).toHaveCount(0);

  // Ten minutes later: other questions, answered right.
  moveCheckAttemptsBack(baseURL!, OFFICER, slug, 10);
  await page.reload();
  await expect(questions).toHaveCount(count);
  expect(await questions.locator("legend").allInnerTexts()).not.toEqual(firstDraw);
  await answerCheck(page, slug, () => "right");
  await page.getByRole("button", { name: "Submit answers" }).click();
  await expect(status).toContainText("Passed:");
  // Now the answer key, with the explanations, for the passing attempt; and it stays on later visits.
  await expect(page.getByText("Correct answer")).toHaveCount(count);
  await page.reload();
  await expect(page.getByText("Correct answer")).toHaveCount(count);
  await page.goto("/modules");
  const card = page
    .getByRole("listitem")
    .filter({ hasText: title.replace(/^\d+\.\s*/, "") })
    .first();
  await expect(card.getByText("Passed", { exact: true })).toBeVisible();
});

test("a module's check stays closed until its prerequisites are passed", async ({ page }) => {
  await signIn(page, "officer@example.org"); // has passed no module
  await page.goto("/modules/officers-role");
  await expect(page.locator("#check-gate")).toContainText("The knowledge check opens once you have passed");
  await expect(page.locator("#check-gate").getByRole("link")).toHaveText([
    "What community restoration is",
    "Healing and accountability through dialogue",
  ]);
  await expect(page.getByRole("button", { name: "Submit answers" })).toHaveCount(0);
});
