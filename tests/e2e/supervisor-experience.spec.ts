// Issue 15, the supervisor's experience and the officer's certification view, in a real Chromium: the worklist on
// home (for any supervisor of the unit), sign-off with the certificate and its PDF linked, the audit trail in words,
// titles and the Level 2 prerequisite on the certification page, renewal explained, and axe at phone and desktop sizes.
import { expect, test, type Browser, type Page } from "@playwright/test";
import Database from "better-sqlite3";
import { expectNoAxeViolations, pageAs } from "../support/a11y";

const NORTH_SUPERVISOR = "supervisor@example.org"; // Morgan Hale
const SOUTH_SUPERVISOR = "supervisor2@example.org"; // Dana Whitfield
const IN_PROGRESS = "t.nguyen@example.org"; // Thao Nguyen, North: one practicum entry waiting
const RENEWING = "a.johnson@example.org"; // Aisha Johnson, North: Level 1 expiring, renewal under way
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

/** Makes Dana Whitfield a second supervisor of North Precinct (an admin would do it on the users page). */
function addSecondNorthSupervisor(baseURL: string) {
  const db = new Database(`tests/.tmp/e2e-${new URL(baseURL).port}/e2e.db`, { fileMustExist: true, timeout: 5000 });
  try {
    const dana = db.prepare("SELECT id FROM User WHERE email = ?").get(SOUTH_SUPERVISOR) as { id: string };
    const north = db.prepare("SELECT id FROM Unit WHERE name = 'North Precinct'").get() as { id: string };
    db.prepare("INSERT OR IGNORE INTO SupervisedUnit (supervisorId, unitId) VALUES (?, ?)").run(dana.id, north.id);
  } finally {
    db.close();
  }
}

async function as(browser: Browser, email: string, viewport = DESKTOP): Promise<Page> {
  return pageAs(browser, email, { viewport });
}

test.describe.configure({ mode: "serial" });

test("a second supervisor of the unit sees the practicum to confirm on home, linked to the entry", async ({
  browser,
  baseURL,
}) => {
  addSecondNorthSupervisor(baseURL!);
  for (const email of [NORTH_SUPERVISOR, SOUTH_SUPERVISOR]) {
    const page = await as(browser, email);
    await page.goto("/");
    const group = page.getByRole("region", { name: /Practicum and development to confirm/ });
    const entry = group.getByRole("link", { name: /^Thao Nguyen: Joint meeting/ });
    await expect(entry).toBeVisible();
    await entry.click();
    await expect(page.getByRole("heading", { level: 1, name: "Thao Nguyen" })).toBeVisible();
    await expect(page.getByRole("button", { name: /^Confirm entry of / })).toBeVisible();
    await page.context().close();
  }
});

test("ready for sign-off on home, then sign-off links the certificate and its PDF", async ({ browser }) => {
  const page = await as(browser, SOUTH_SUPERVISOR);
  await page.goto("/");
  await page
    .getByRole("region", { name: /Ready for sign-off/ })
    .getByRole("link", { name: "Daniel Osei: Restorative Facilitator, Level 1" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Daniel Osei" })).toBeVisible();
  await page
    .getByLabel("Sign-off comment (required)")
    .first()
    .fill("Observed twice at competent or better; both joint meetings confirmed.");
  await page.getByRole("button", { name: "Sign off Restorative Facilitator, Level 1" }).click();
  await expect(page.getByText("Signed off. The officer's certificate is ready.")).toBeVisible();
  const pdf = page.getByRole("link", { name: "Download the certificate (PDF)" });
  const response = await page.request.get((await pdf.getAttribute("href"))!);
  expect(response.headers()["content-type"]).toBe("application/pdf");
  await page.getByRole("link", { name: "View the certificate" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Certificate" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Back to the officer's record" })).toBeVisible();
  await page.context().close();
});

test("the audit trail reads as words with dated times in UTC, not codes", async ({ browser }) => {
  const page = await as(browser, SOUTH_SUPERVISOR);
  await page.goto("/supervisor/audit");
  // Daniel Osei's sign-off from the test above (other specs may have signed off other officers of the unit).
  const row = page
    .getByRole("row")
    .filter({ hasText: "Signed off Restorative Facilitator, Level 1" })
    .filter({ hasText: "Daniel Osei" });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("status: Ready for sign-off");
  await expect(row.getByRole("cell").first()).toHaveText(/^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2} [AP]M UTC$/);
  const text = await page.locator("main, body").first().innerText();
  expect(text).not.toMatch(/certification\.signed_off|ready_for_sign_off|facilitator-level-1|\d{4}-\d{2}-\d{2}T\d{2}/);
  await page.context().close();
});

test("the certification page names modules and rubrics by title, says Level 2 waits for Level 1, and links each unmet requirement", async ({
  browser,
}) => {
  const page = await as(browser, IN_PROGRESS);
  await page.goto("/certification");
  const level2 = page.getByRole("region", { name: /^Restorative Facilitator, Level 2/ });
  await expect(level2.getByRole("heading", { level: 2 })).toContainText(
    "Not started: requires Restorative Facilitator, Level 1",
  );
  await expect(level2.getByRole("link", { name: "See Restorative Facilitator, Level 1" })).toHaveAttribute(
    "href",
    "#program-facilitator-level-1",
  );
  const level1 = page.getByRole("region", { name: /^Restorative Facilitator, Level 1/ });
  await expect(level1.locator("p", { hasText: "Next step:" })).toContainText('"Facilitating a restorative meeting"');
  await expect(level1.getByRole("link", { name: /^Log practicum/ })).toHaveAttribute("href", "#practicum-heading");
  await expect(level1.getByRole("link", { name: /^About observations/ })).toHaveAttribute(
    "href",
    "#observations-heading",
  );
  expect(await page.locator("main, body").first().innerText()).not.toMatch(
    /the module "[a-z-]+"|rubric "[a-z-]+"|In progress.*Level 2/,
  );
  await page.context().close();
});

test("renewal is explained on the certification page and on the module page whose check it needs again", async ({
  browser,
}) => {
  const page = await as(browser, RENEWING);
  await page.goto("/certification");
  const renewal = page.locator("#renewal-facilitator-level-1");
  await expect(renewal.getByRole("heading", { name: /^Renewal, due by \d{4}-\d{2}-\d{2}$/ })).toBeVisible();
  await expect(renewal).toContainText("To renew, in the 180 days before it expires:");
  await expect(renewal).toContainText("8 of 12 hours confirmed");
  await renewal.getByRole("link", { name: /^Take the check again/ }).click();
  await expect(page.getByRole("note")).toContainText(
    "Renewal of Restorative Facilitator, Level 1: this check counts toward renewal",
  );
  await expect(page.getByRole("note")).toContainText("take the check again");
  await page.context().close();
});

test("on a phone the roster filters are folded so the list starts on the first screen; on a desktop they show", async ({
  browser,
}) => {
  const phone = await as(browser, NORTH_SUPERVISOR, PHONE);
  await phone.goto("/supervisor");
  await expect(phone.getByRole("button", { name: "Apply filters" })).toBeHidden();
  await expect(phone.getByRole("link", { name: "Aisha Johnson" })).toBeInViewport();
  await phone.getByText("Filters", { exact: true }).click();
  await expect(phone.getByRole("button", { name: "Apply filters" })).toBeVisible();
  await phone.context().close();
  const desktop = await as(browser, NORTH_SUPERVISOR);
  await desktop.goto("/supervisor");
  await expect(desktop.getByRole("button", { name: "Apply filters" })).toBeVisible();
  await desktop.context().close();
});

const SCANS: [string, string, string | RegExp][] = [
  [SOUTH_SUPERVISOR, "/", /^Welcome/],
  [NORTH_SUPERVISOR, "/", /^Welcome/],
  [NORTH_SUPERVISOR, "/supervisor", "Your officers"],
  [NORTH_SUPERVISOR, "/supervisor/audit", "Audit trail"],
  [IN_PROGRESS, "/", /^Welcome/],
  [IN_PROGRESS, "/certification", "Your certification"],
  [RENEWING, "/certification", "Your certification"],
  [RENEWING, "/modules/facilitation-skills", /.+/],
];

const scanPages = new Map<string, Page>();
test.afterAll(async () => {
  for (const page of scanPages.values()) await page.context().close();
  scanPages.clear();
});

for (const [size, viewport] of [
  ["phone", PHONE],
  ["desktop", DESKTOP],
] as const) {
  for (const [email, path, heading] of [...SCANS, [SOUTH_SUPERVISOR, "officer:Daniel Osei", "Daniel Osei"] as const]) {
    test(`axe finds no violations (${size}): ${path} as ${email}`, async ({ browser }) => {
      // One page per account and size, kept between scans.
      const key = `${email} ${size}`;
      const page = scanPages.get(key) ?? (await as(browser, email, viewport));
      scanPages.set(key, page);
      if (path.startsWith("officer:")) {
        await page.goto("/supervisor?program=facilitator-level-1");
        await page.getByRole("link", { name: path.slice("officer:".length) }).click();
      } else {
        await page.goto(path);
      }
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
      await expectNoAxeViolations(page, `${path} as ${email} (${size})`);
    });
  }
}
