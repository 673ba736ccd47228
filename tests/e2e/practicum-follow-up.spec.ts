import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "../support/a11y";
import { signIn } from "../support/e2e";

// Chloe Martin (recruit07) co-facilitated a seeded school circle that reached an agreement; its follow-up date,
// six weeks on, has passed and nothing is recorded yet (prisma/seed-impact.ts). Runs after insight.spec.ts, whose
// report counts the seeded follow-ups as they are.
test("an officer records at the follow-up whether the agreement was kept, and the supervisor's record shows it", async ({
  browser,
}) => {
  const officer = await (await browser.newContext()).newPage();
  await signIn(officer, "recruit07@example.org");
  await officer.goto("/certification");
  const kept = officer.getByLabel(/^Agreement kept at the follow-up of \d{4}-\d{2}-\d{2}\?/);
  await expect(kept).toBeVisible();
  await expectNoAxeViolations(officer, "certification page with a follow-up to record");

  // Without an answer nothing is recorded, and the form says why.
  await officer.getByRole("button", { name: "Record the follow-up" }).click();
  await expect(officer.getByText(/^The follow-up was not recorded: /)).toBeVisible();
  await expect(officer.getByText(/follow-up \d{4}-\d{2}-\d{2}: not recorded yet/)).toBeVisible();

  await kept.selectOption("yes");
  await officer.getByRole("button", { name: "Record the follow-up" }).click();
  await expect(officer.getByText(/^Follow-up recorded\./)).toBeVisible();
  await expect(officer.getByText(/follow-up \d{4}-\d{2}-\d{2}: kept/)).toBeVisible();
  // It can be corrected, not recorded twice.
  await expect(officer.getByRole("button", { name: "Correct the follow-up" })).toBeVisible();
  await officer.context().close();

  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, "admin@example.org");
  await admin.goto("/supervisor?q=Chloe+Martin");
  await admin.getByRole("link", { name: "Chloe Martin" }).click();
  await expect(admin.getByRole("heading", { level: 1, name: "Chloe Martin" })).toBeVisible();
  const practicum = admin.getByRole("region", { name: "Practicum" });
  await expect(practicum.getByText(/^Agreement reached; .*follow-up \d{4}-\d{2}-\d{2}: kept$/)).toBeVisible();
  await admin.context().close();
});
