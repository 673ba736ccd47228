// The supervisor's CSV exports from the roster page, as downloaded files: the roster (its filters applied) and the
// unit's attempts. Both stream rows from the database, so they run on PostgreSQL too (tag @postgres).
import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { pageAs } from "../support/a11y";

const NORTH_SUPERVISOR = "supervisor@example.org"; // Morgan Hale, North Precinct
const NORTH_OFFICER = "t.nguyen@example.org"; // Thao Nguyen: seeded with modules and assessed role-plays done

async function download(page: Page, link: string): Promise<{ name: string; lines: string[] }> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: link }).click()]);
  const text = fs.readFileSync(await file.path(), "utf8");
  return { name: file.suggestedFilename(), lines: text.split(/\r?\n/).filter(Boolean) };
}

test("a supervisor downloads the roster and the attempts of their unit as CSV @postgres", async ({ browser }) => {
  const page = await pageAs(browser, NORTH_SUPERVISOR);
  await page.goto(`/supervisor?q=${encodeURIComponent("Thao")}`);
  await expect(page.getByRole("link", { name: "Thao Nguyen" }).first()).toBeVisible();

  const roster = await download(page, "Export these officers (CSV)");
  expect(roster.name).toBe("roster.csv");
  expect(roster.lines[0]).toMatch(/^\uFEFF?officer_id,name,email,unit,program,status,/);
  // The search applies to the export: Thao Nguyen's rows only, one per program.
  const rows = roster.lines.slice(1);
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) expect(row).toContain(NORTH_OFFICER);

  const attempts = await download(page, "Export attempts (CSV)");
  expect(attempts.name).toBe("attempts.csv");
  expect(attempts.lines[0]).toMatch(/^\uFEFF?attempt_id,officer,email,unit,scenario,version,status,score,/);
  const thao = attempts.lines.filter((line) => line.includes(NORTH_OFFICER));
  expect(thao.length).toBeGreaterThan(0);
  // Only the supervisor's unit: no South Precinct officer's attempts.
  expect(attempts.lines.filter((line) => line.includes("South Precinct"))).toEqual([]);
  await page.context().close();
});
