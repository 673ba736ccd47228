// Keyboard only: no clicks and no fills. Every step is Tab, Shift+Tab, Enter, Space, arrow keys or typing, and
// every stop on the way shows a visible focus indicator (checked in tabTo).
import { expect, test, type Page } from "@playwright/test";
import {
  chooseAndWait,
  expectFocusVisible,
  expectNoAxeViolations,
  pageAs,
  tabTo,
  waitForHydration,
} from "../support/a11y";
import { competentObservationForm, DEMO_PASSWORD, moveCheckAttemptsBack, optionIndexes } from "../support/e2e";

async function signInByKeyboard(page: Page, email: string) {
  // The sign-in page ships no JavaScript (decision 0212): nothing to wait for before typing.
  await page.goto("/login");
  // The first stop on every page is the skip link, shown when focused.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  await expectOnScreen(page);
  await tabTo(page, page.getByLabel("Email"));
  await page.keyboard.type(email);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Password")).toBeFocused();
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeFocused();
  await expectFocusVisible(page);
  await page.keyboard.press("Enter");
  // A plain form post: the home page loads afresh (focus at the start of the document, as any page load).
  await expect(page.getByRole("heading", { level: 1, name: /^Welcome/ })).toBeVisible();
  await waitForHydration(page);
}

/** From anywhere in the page, back up to the main menu and open `label`; focus lands on the new page's heading. */
async function openFromMenu(page: Page, label: string, heading: string | RegExp) {
  await tabTo(page, page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: label, exact: true }), {
    back: true,
  });
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeFocused();
}

async function expectOnScreen(page: Page) {
  const box = await page.evaluate(() => {
    const r = document.activeElement!.getBoundingClientRect();
    return { top: r.top, left: r.left, bottom: r.bottom, right: r.right, width: innerWidth, height: innerHeight };
  });
  expect(
    box.top >= 0 && box.left >= 0 && box.bottom <= box.height && box.right <= box.width,
    `focused element on screen: ${JSON.stringify(box)}`,
  ).toBe(true);
}

function daysAgo(n: number): { iso: string; typed: string } {
  const d = new Date(Date.now() - n * 24 * 60 * 60 * 1000);
  const iso = d.toISOString().slice(0, 10);
  const [y, m, day] = iso.split("-");
  return { iso, typed: `${m}${day}${y}` }; // the date field takes month, day, year in an en-US browser
}

test("an officer signs in, reads a module, fails then passes its check and plays a role-play to an ending, by keyboard alone", async ({
  browser,
  baseURL,
}) => {
  const page = await pageAs(browser, null);
  await signInByKeyboard(page, "l.kowalski@example.org");

  // Modules: open the first module from the catalogue.
  await openFromMenu(page, "Modules", "Training modules");
  await tabTo(page, page.locator('main a[href="/modules/what-is-restoration"]').first());
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/modules\/what-is-restoration$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeFocused();

  // The skip link: back to it, then into the content past the header.
  await tabTo(page, page.getByRole("link", { name: "Skip to content" }), { back: true });
  await expectOnScreen(page);
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("main").getByRole("link", { name: "All modules" })).toBeFocused();
  await expectFocusVisible(page);

  // Read: the table of contents takes the officer to the knowledge check.
  await tabTo(
    page,
    page.getByRole("navigation", { name: "In this module" }).getByRole("link", { name: "Knowledge check" }),
  );
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#check-heading$/);

  // The check: each question is a group of radios. Tab enters a group, Space picks, arrows move within it.
  const groups = page.getByRole("group").filter({ has: page.getByRole("radio") });
  const count = await groups.count();
  expect(count).toBeGreaterThanOrEqual(3);
  const answerByKeyboard = async (targets: number[]) => {
    for (let i = 0; i < count; i++) {
      const radios = groups.nth(i).getByRole("radio");
      await page.keyboard.press("Tab");
      await expect(radios.first()).toBeFocused();
      await expectFocusVisible(page);
      await page.keyboard.press("Space");
      for (let k = 0; k < targets[i]!; k++) await page.keyboard.press("ArrowDown");
      await expect(radios.nth(targets[i]!)).toBeFocused();
      await expect(radios.nth(targets[i]!)).toBeChecked();
    }
    await page.keyboard.press("Tab");
    await expect(page.getByRole("button", { name: "Submit answers" })).toBeFocused();
    await page.keyboard.press("Enter");
  };
  // First try: a wrong answer everywhere (the test reads the key from content/; the page never shows it).
  await answerByKeyboard(await optionIndexes(page, "what-is-restoration", () => "wrong"));
  const result = page.locator("#check-result");
  await expect(result).toContainText("Not passed yet");
  await expect(result).toBeFocused();
  await expect(page.getByText("Correct answer")).toHaveCount(0);
  await expect(page.locator("#check-gate")).toContainText("Your next attempt is allowed at");

  // After the cool-down (moved back in time, not waited for), the new questions answered right.
  moveCheckAttemptsBack(baseURL!, "l.kowalski@example.org", "what-is-restoration", 10);
  await page.goto("/modules/what-is-restoration");
  await waitForHydration(page);
  await tabTo(
    page,
    page.getByRole("navigation", { name: "In this module" }).getByRole("link", { name: "Knowledge check" }),
  );
  await page.keyboard.press("Enter");
  // The review of the failed attempt above the new questions holds nothing to tab through.
  await answerByKeyboard(await optionIndexes(page, "what-is-restoration", () => "right"));
  await expect(result).toContainText("Passed:");
  await expect(result).toBeFocused();

  // A role-play, from the library to the debrief.
  await openFromMenu(page, "Role-plays", "Role-plays");
  // (Not a scenario of the pool whose other one this officer practices in the accessibility scans: the app
  // refuses practice on the last scenario of a pool before an assessment.)
  await tabTo(page, page.locator('main a[href="/scenarios/school-circle"]').first());
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
  await tabTo(page, page.getByRole("button", { name: "Start the role-play" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Step 1: what do you do?" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toBeFocused();

  let linesHeard = 0;
  for (let step = 1; step < 40; step++) {
    const choice = page.getByRole("group", { name: "Your choices" }).getByRole("button").first();
    await tabTo(page, choice);
    await chooseAndWait(page, () => page.keyboard.press("Enter"));
    const ended = page.getByRole("heading", { name: /^(Passed|Not passed)/ });
    const next = page.getByRole("heading", { name: `Step ${step + 1}: what do you do?` });
    await expect(next.or(ended)).toBeVisible({ timeout: 10_000 });
    if (await ended.count()) {
      // The last choice turns the player into the debrief: focus goes to its verdict.
      await expect(ended).toBeFocused();
      break;
    }
    // Focus moves to the new part of the conversation...
    await expect(next).toBeFocused();
    await expectFocusVisible(page);
    // ...and what the participants say there is announced in the player's polite live region.
    const lines = page.locator(".now .line");
    const announced = page.locator(".player [aria-live='polite']").first();
    for (const line of await lines.all()) {
      const said = (await line.innerText()).replace(/\s+/g, " ").trim();
      await expect(announced).toContainText(said.slice(-30).trim());
    }
    linesHeard += await lines.count();
  }
  await expect(page.getByRole("heading", { name: "Scores by competency" })).toBeVisible();
  expect(linesHeard, "participants spoke during the role-play").toBeGreaterThan(0);
  await page.context().close();
});

test("an officer logs two practicum entries and a supervisor confirms them and signs off, by keyboard alone", async ({
  browser,
}) => {
  // Two sign-ins, two pages scanned by axe and a long record walked by Tab: more than the default minute.
  test.setTimeout(180_000);
  const officer = await pageAs(browser, null);
  await signInByKeyboard(officer, "t.nguyen@example.org");
  await openFromMenu(officer, "Certification", "Your certification");
  const dates = [daysAgo(30), daysAgo(12)];
  for (const [i, date] of dates.entries()) {
    await tabTo(officer, officer.getByLabel("Date of the process"));
    await officer.keyboard.type(date.typed);
    await expect(officer.getByLabel("Date of the process")).toHaveValue(date.iso);
    await tabTo(officer, officer.getByLabel("Kind of session"));
    await officer.keyboard.type("Joint");
    await expect(officer.getByLabel("Kind of session")).toHaveValue("joint-meeting");
    await officer.keyboard.press("Tab");
    await expect(officer.getByLabel("Type of process")).toBeFocused();
    await officer.keyboard.type("Vic");
    await expect(officer.getByLabel("Type of process")).toHaveValue("Victim-offender dialogue");
    await officer.keyboard.press("Tab");
    await expect(officer.getByLabel("Your role")).toBeFocused();
    await officer.keyboard.type("Co-");
    await expect(officer.getByLabel("Your role")).toHaveValue("Co-facilitator");
    await officer.keyboard.press("Tab");
    await expect(officer.getByLabel("Number of participants")).toBeFocused();
    await officer.keyboard.type("3");
    await officer.keyboard.press("Tab");
    await expect(officer.getByLabel("Outcome")).toBeFocused();
    await officer.keyboard.type(`Both parties agreed to meet (meeting ${i + 1}).`);
    for (const [label, text] of [
      ["What happened", "Meeting each party on their own first let me hear what they needed before the joint meeting."],
      ["What went well", "Explaining the limits of confidentiality early put the family at ease."],
      ["What I would change", "I would leave more time for the parent's questions."],
      ["What support I need", "None this time."],
    ] as const) {
      await officer.keyboard.press("Tab");
      await expect(officer.getByLabel(label)).toBeFocused();
      await officer.keyboard.type(text);
    }
    // The meeting's outcome (optional): the agreement, typed into its select; the rest left as "Not asked".
    await officer.keyboard.press("Tab");
    await expect(officer.getByLabel("Agreement reached")).toBeFocused();
    await officer.keyboard.type("Yes");
    await expect(officer.getByLabel("Agreement reached")).toHaveValue("yes");
    await tabTo(officer, officer.getByRole("button", { name: "Log entry" }));
    await officer.keyboard.press("Enter");
    // The outcome takes focus; the next Tab goes on into the (fresh) form.
    const logged = officer.getByRole("status").filter({ hasText: "Practicum entry logged." });
    await expect(logged).toBeFocused();
  }
  // Her two, and the one the demo seed logged for her (README).
  await expect(officer.getByRole("cell", { name: "Waiting for your supervisor" })).toHaveCount(3);
  await officer.context().close();

  const supervisor = await pageAs(browser, null);
  await signInByKeyboard(supervisor, "supervisor@example.org");
  await openFromMenu(supervisor, "Officers", "Your officers");
  // Level 1 also needs an observed assessment: the supervisor, an assessor, records one (set-up, not the keyboard
  // journey under test).
  const thaoId = (await supervisor.getByRole("link", { name: "Thao Nguyen" }).getAttribute("href"))!.split("/").pop()!;
  const observed = await supervisor.request.post("/observations/new", {
    form: competentObservationForm(thaoId),
    headers: { origin: new URL(supervisor.url()).origin },
    maxRedirects: 0,
  });
  expect(observed.status()).toBeLessThan(400);
  await tabTo(supervisor, supervisor.getByRole("link", { name: "Thao Nguyen" }), { max: 60 });
  await supervisor.keyboard.press("Enter");
  await expect(supervisor.getByRole("heading", { level: 1, name: "Thao Nguyen" })).toBeFocused();
  await expectNoAxeViolations(supervisor, "officer record with practicum to confirm and a sign-off to come");
  // The agreement she reported for each meeting is on the record the supervisor confirms.
  for (const meeting of [1, 2]) {
    const entry = supervisor.getByRole("listitem").filter({ hasText: `(meeting ${meeting}).` });
    await expect(entry.getByText("Agreement reached", { exact: true })).toBeVisible();
  }
  for (const date of dates) {
    await tabTo(supervisor, supervisor.getByRole("button", { name: `Confirm entry of ${date.iso}` }), { max: 200 });
    await supervisor.keyboard.press("Enter");
    await expect(supervisor.getByRole("status").filter({ hasText: "Practicum entry confirmed." })).toBeFocused();
  }
  const level1 = supervisor.getByRole("region", { name: /^Restorative Facilitator, Level 1/ });
  await tabTo(supervisor, level1.getByLabel("Sign-off comment (required)"), { max: 200, back: true });
  await supervisor.keyboard.type("Both practicum meetings confirmed; role-plays and modules complete.");
  await supervisor.keyboard.press("Tab");
  await expect(level1.getByRole("button", { name: /^Sign off/ })).toBeFocused();
  await expectFocusVisible(supervisor);
  await supervisor.keyboard.press("Enter");
  await expect(supervisor.getByRole("status").filter({ hasText: "Signed off." })).toBeFocused();
  await expect(level1.getByText("Certified", { exact: true })).toBeVisible();
  await supervisor.context().close();
});
