// Issue 20: a supervisor walks through the Insight charts, an officer's competency profile and the training-impact
// report, on a desktop and on a phone, with axe on each page (and its colors again in the dark theme).
import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations, pageAs } from "../support/a11y";

const NORTH_SUPERVISOR = "supervisor@example.org"; // Morgan Hale, North Precinct
const ADMIN = "admin@example.org";
const VIEWPORTS = [
  { name: "desktop", size: { width: 1280, height: 800 } },
  { name: "phone", size: { width: 390, height: 844 } },
];

async function followHeaderLink(page: Page, name: string) {
  const menu = page.locator("summary.site-menu__toggle");
  if (await menu.isVisible()) await menu.click();
  await page.getByRole("navigation").getByRole("link", { name, exact: true }).click();
}

async function axeInBothThemes(page: Page, label: string) {
  await expectNoAxeViolations(page, label);
  await page.emulateMedia({ colorScheme: "dark" });
  await expectNoAxeViolations(page, `${label} (dark)`, { colorsOnly: true });
  await page.emulateMedia({ colorScheme: "light" });
}

for (const { name, size } of VIEWPORTS) {
  test(`a supervisor walks through the charts and the impact report (${name})`, async ({ browser }) => {
    const page = await pageAs(browser, NORTH_SUPERVISOR, { viewport: size });
    await page.goto("/");
    await followHeaderLink(page, "Insight");
    await expect(page.getByRole("heading", { level: 1, name: "Insight: North Precinct" })).toBeVisible();
    const spread = page.getByRole("figure", { name: "Status by unit" });
    await expect(spread).toBeVisible();
    await spread.getByText("Figures as a table").click();
    await expect(spread.getByRole("rowheader", { name: "North Precinct" })).toBeVisible();
    // Aisha Johnson's Level 1 ends within the next 90 days.
    await expect(page.getByRole("figure", { name: /Certifications ending in the next 90 days/ })).toContainText(
      /1 certification ends/,
    );
    await expect(page.getByRole("figure", { name: /Unit against agency/ })).toContainText("Weakest competency");
    await expect(page.getByRole("figure", { name: /Pass rate by month/ })).toBeVisible();
    await axeInBothThemes(page, `Insight (${name})`);

    await page.goto("/supervisor?q=Aisha");
    await page.getByRole("link", { name: "Aisha Johnson" }).click();
    const comparison = page.getByRole("figure", { name: /Aisha Johnson against unit and agency/ });
    await expect(comparison).toBeVisible();
    await comparison.getByText("Figures as a table").click();
    await expect(comparison.getByRole("columnheader", { name: "Agency" })).toBeVisible();
    await expect(page.getByRole("figure", { name: /competency profile over the last six months/ })).toBeVisible();
    await axeInBothThemes(page, `officer record with charts (${name})`);

    await page.goto("/supervisor/insight");
    await page.getByRole("link", { name: "Training impact report" }).click();
    await expect(page.getByRole("heading", { level: 1, name: /Training impact/ })).toBeVisible();
    await expect(page.getByRole("heading", { name: /Level 1, reaction/ })).toBeVisible();
    // Fewer than five of North's officers have passed a module and answered its survey, so it is withheld.
    const allSurveys = page.getByRole("row", { name: /All surveys/ });
    await expect(allSurveys).toContainText("fewer than 5 people");
    await axeInBothThemes(page, `impact report (${name})`);
    await page.context().close();
  });
}

test("the admin's report shows the recruit class's knowledge gain and exports it as CSV @postgres", async ({
  browser,
}) => {
  const page = await pageAs(browser, ADMIN);
  await page.goto("/supervisor/impact");
  await page.getByLabel("Unit", { exact: true }).selectOption({ label: "Recruit Class 2026" });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Training impact: Recruit Class 2026" })).toBeVisible();
  await expect(page.getByRole("row", { name: /What community restoration is/ }).first()).toContainText("people");
  await expect(page.getByRole("row", { name: /Agreement reached/ })).toContainText("87.5");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download as CSV" }).click();
  const file = await (await download).path();
  const { readFileSync } = await import("node:fs");
  expect(readFileSync(file, "utf8")).toContain("Agreement reached (% of meetings)");
  await page.context().close();
});
