// A module published through the studio: a trainer edits a copy, a second trainer approves it, an officer reads
// the new text; the trainer rolls back, the second trainer approves, and the officer reads the old text again.
// Uses a module no other journey reads, so the versions it publishes change nothing another spec relies on.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectNoAxeViolations } from "../support/a11y";
import { signIn } from "../support/e2e";

const SLUG = "future-directions";
const STUDIO_PAGE = `/studio/modules/${SLUG}`;
const NEW_SENTENCE = "Before any video meeting, agree on a phone number to call if the connection drops.";
const PHONE = { width: 390, height: 844 };

/** A page in a context of its own (axe scans need one), signed in as `email`. */
async function signedIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email);
  return page;
}

/** The second trainer opens the draft waiting for review and approves the text shown. */
async function approve(reviewer: Page, draftUrl: string) {
  await reviewer.goto(draftUrl);
  await reviewer.getByRole("button", { name: "Approve and publish" }).click();
  await reviewer.waitForURL((url) => url.pathname === STUDIO_PAGE);
}

/** The officer's module page, reloaded: whether it holds the new sentence. */
async function officerSees(officer: Page, visible: boolean) {
  await officer.goto(`/modules/${SLUG}`);
  await expect(officer.getByRole("heading", { level: 1 })).toHaveText("Future directions");
  await expect(officer.getByText(NEW_SENTENCE)).toHaveCount(visible ? 1 : 0);
}

async function scanBothSizes(page: Page, name: string) {
  await page.setViewportSize({ width: 1280, height: 800 });
  await expectNoAxeViolations(page, `${name} at desktop size`);
  await page.setViewportSize(PHONE);
  await expectNoAxeViolations(page, `${name} at 390 x 844`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

test("a module edited in the studio is reviewed, published, read by an officer, and rolled back", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const officer = await signedIn(browser, "officer2@example.org");
  await officerSees(officer, false);

  const author = await signedIn(browser, "trainer@example.org");
  await author.goto(STUDIO_PAGE);
  await author.getByRole("button", { name: /^Edit a copy of v\d+$/ }).click();
  // Creating the copy checks it in the draft checker: slow on a busy machine.
  await author.waitForURL(/\/studio\/drafts\//, { timeout: 45_000 });
  const editor = author.getByLabel("Module (MDX)");
  const source = await editor.inputValue();
  const heading = "## Video meetings and online outreach";
  expect(source).toContain(heading);
  await editor.fill(source.replace(heading, `${heading}\n\n${NEW_SENTENCE}`));
  await author.getByRole("button", { name: "Submit for review" }).click();
  await expect(author.getByText("Submitted for review by another trainer.")).toBeVisible({ timeout: 45_000 });
  const draftUrl = author.url();
  // Not published until a second trainer approves.
  await officerSees(officer, false);

  const reviewer = await signedIn(browser, "trainer2@example.org");
  await approve(reviewer, draftUrl);
  const versions = reviewer.getByRole("region", { name: "Versions" });
  const newest = versions.getByRole("row").nth(1);
  await expect(newest).toContainText("(officers read this)");
  await expect(newest).toContainText("studio");
  const published = Number((await newest.getByRole("cell").first().innerText()).match(/v(\d+)/)![1]);
  expect(published).toBeGreaterThan(1);
  await officerSees(officer, true);

  // What changed, as the studio shows it; the versions table and the comparison pass axe at both sizes.
  await scanBothSizes(reviewer, "module versions");
  await reviewer.getByRole("link", { name: `Compare v${published} with v${published - 1}` }).click();
  await expect(reviewer.getByRole("heading", { level: 1 })).toHaveText(`v${published - 1} → v${published}`);
  await expect(reviewer.getByText(NEW_SENTENCE)).toBeVisible();
  await scanBothSizes(reviewer, "module version comparison");

  // Roll back to the version before: a copy of it, submitted for review at once, approved by the second trainer.
  await author.goto(STUDIO_PAGE);
  await author.getByRole("button", { name: `Roll back to v${published - 1}` }).click();
  await author.waitForURL(/\/studio\/drafts\//, { timeout: 45_000 });
  await expect(author.getByText("Waiting for review", { exact: true })).toBeVisible();
  await officerSees(officer, true);
  await approve(reviewer, author.url());
  await expect(versions.getByRole("row").nth(1)).toContainText(`v${published + 1}`);
  await officerSees(officer, false);
});
