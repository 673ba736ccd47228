import { expect, test } from "@playwright/test";
import { signIn } from "../support/e2e";

// Daniel Osei is seeded truly ready under Level 1: modules, assessed first plays, an observation at competent or
// better on every criterion, two confirmed co-facilitated joint meetings with logs. The rest happens here.
test("an officer ready for Level 1 logs development, a supervisor confirms it and signs off, the certificate downloads and verifies @postgres", async ({
  browser,
}) => {
  const officer = await browser.newPage();
  await signIn(officer, "d.osei@example.org");
  await officer.goto("/certification");
  const level1 = officer.getByRole("region", { name: /^Restorative Facilitator, Level 1/ });
  await expect(level1.getByText("Ask your supervisor for sign-off.")).toBeVisible();
  await expect(
    level1.getByRole("listitem").filter({ hasText: "Observed assessment" }).getByText("Met:"),
  ).toBeAttached();
  await expect(level1.getByRole("link", { name: /observation of/ })).toBeVisible();
  await expect(
    level1.getByRole("listitem").filter({ hasText: "Practicum:" }).getByText("2 of 2 confirmed"),
  ).toBeVisible();

  await officer.getByRole("link", { name: "Log and review your development activities" }).click();
  // Fill the form only once the new page is there (a fill before the navigation lands is lost).
  await expect(officer.getByRole("heading", { level: 1, name: "Continuing professional development" })).toBeVisible();
  await officer.getByLabel("Date").fill("2026-10-20");
  await officer.getByLabel("Hours").fill("0.3");
  await officer.getByLabel("Activity").fill("State restorative justice network webinar on circles in schools");
  await officer.getByLabel("Evidence").fill("Registration email and my notes.");
  await officer.getByRole("button", { name: "Log activity" }).click();
  await expect(officer.getByText("Round the hours to a quarter hour (e.g. 1.25).")).toBeVisible();
  await expect(officer.getByText("Enter the date as YYYY-MM-DD.")).toHaveCount(0);
  await officer.getByLabel("Date").fill("2026-10-20");
  await officer.getByLabel("Hours").fill("1.5");
  await officer.getByRole("button", { name: "Log activity" }).click();
  await expect(officer.getByText("Activity logged.")).toBeVisible();
  await expect(officer.getByRole("cell", { name: "Waiting for your supervisor" })).toHaveCount(1);

  const supervisor = await browser.newPage();
  await signIn(supervisor, "supervisor2@example.org");
  await supervisor.goto("/supervisor?status=ready_for_sign_off");
  await supervisor.getByRole("link", { name: "Daniel Osei" }).click();
  await supervisor.getByRole("button", { name: "Confirm activity of 2026-10-20" }).click();
  await expect(supervisor.getByText("Development activity confirmed.")).toBeVisible();
  await supervisor
    .getByLabel("Sign-off comment (required)")
    .first()
    .fill("All Level 1 requirements met; practicum observed and sound.");
  await supervisor.getByRole("button", { name: "Sign off Restorative Facilitator, Level 1" }).click();
  await expect(supervisor.getByText("Signed off.")).toBeVisible();

  await officer.goto("/certification");
  await expect(level1.getByText("Certified", { exact: true })).toBeVisible();
  await level1.getByRole("link", { name: /Certificate issued/ }).click();
  await expect(officer.getByRole("article").getByText("Daniel Osei", { exact: true })).toBeVisible();
  const code = (await officer.locator(".certificate__code strong").innerText()).trim();
  const [download] = await Promise.all([
    officer.waitForEvent("download"),
    officer.getByRole("link", { name: "Download PDF" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`certificate-${code}.pdf`);
  const stream = await download.createReadStream();
  const first = await new Promise<Buffer>((resolve) => stream.once("data", (chunk: Buffer) => resolve(chunk)));
  expect(first.subarray(0, 5).toString()).toBe("%PDF-");

  const visitor = await browser.newPage();
  await visitor.goto(`/verify/${code}`);
  // The certificate's own verdict first, then the check of the signed credential it carries.
  await expect(visitor.getByRole("status").first()).toHaveText("Valid");
  await expect(visitor.getByRole("region", { name: "Signed credential: verified" })).toBeVisible();
  await expect(visitor.getByText("Daniel Osei").first()).toBeVisible();
  await expect(visitor.getByText("Restorative Facilitator, Level 1").first()).toBeVisible();
});
