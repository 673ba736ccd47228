import { expect, test } from "@playwright/test";
import { signIn } from "./support";

// Daniel Osei's modules and role-plays are seeded (a shortcut for the slow parts); the rest happens here.
test("an officer completes Level 1, a supervisor confirms and signs off, the certificate downloads and verifies", async ({ browser }) => {
  const officer = await browser.newPage();
  await signIn(officer, "d.osei@example.org");
  await officer.goto("/certification");
  const level1 = officer.getByRole("region", { name: /Restorative Facilitator, Level 1/ });
  await expect(level1.getByText("Log practicum: 0 of 2 confirmed so far.")).toBeVisible();
  for (const [date, outcome] of [["2026-09-14", "Agreement reached: repair of a fence."], ["2026-10-02", "Apology given; follow-up call agreed."]] as const) {
    await officer.getByLabel("Date of the process").fill(date);
    await officer.getByLabel("Kind of session").selectOption("joint-meeting");
    await officer.getByLabel("Type of process").selectOption("Victim-offender dialogue");
    await officer.getByLabel("Your role").selectOption("Co-facilitator");
    await officer.getByLabel("Number of participants").fill("4");
    await officer.getByLabel("Outcome").fill(outcome);
    await officer.getByLabel("What happened").fill("The harmed person and the responsible person met with one supporter each.");
    await officer.getByLabel("What went well").fill("Separate preparation meetings made the joint meeting calmer.");
    await officer.getByLabel("What I would change").fill("I should have checked the seating earlier.");
    await officer.getByLabel("What support I need").fill("Feedback from my co-facilitator on my summaries.");
    await officer.getByRole("button", { name: "Log entry" }).click();
    await expect(officer.getByText("Practicum entry logged.")).toBeVisible();
  }
  await expect(officer.getByRole("cell", { name: "Waiting for your supervisor" })).toHaveCount(2);

  const supervisor = await browser.newPage();
  await signIn(supervisor, "supervisor2@example.org");
  await supervisor.goto("/supervisor?status=in_progress");
  await supervisor.getByRole("link", { name: "Daniel Osei" }).click();
  for (const date of ["2026-09-14", "2026-10-02"]) {
    await supervisor.getByRole("button", { name: `Confirm entry of ${date}` }).click();
    await expect(supervisor.getByText("Practicum entry confirmed.")).toBeVisible();
  }
  await supervisor.getByLabel("Sign-off comment (required)").first().fill("All Level 1 requirements met; practicum observed and sound.");
  await supervisor.getByRole("button", { name: "Sign off Restorative Facilitator, Level 1" }).click();
  await expect(supervisor.getByText("Signed off.")).toBeVisible();

  await officer.goto("/certification");
  await expect(level1.getByText("Certified", { exact: true })).toBeVisible();
  await level1.getByRole("link", { name: /Certificate issued/ }).click();
  await expect(officer.getByRole("article").getByText("Daniel Osei", { exact: true })).toBeVisible();
  const code = (await officer.locator(".certificate__code strong").innerText()).trim();
  const [download] = await Promise.all([officer.waitForEvent("download"), officer.getByRole("link", { name: "Download PDF" }).click()]);
  expect(download.suggestedFilename()).toBe(`certificate-${code}.pdf`);
  const stream = await download.createReadStream();
  const first = await new Promise<Buffer>((resolve) => stream.once("data", (chunk: Buffer) => resolve(chunk)));
  expect(first.subarray(0, 5).toString()).toBe("%PDF-");

  const visitor = await browser.newPage();
  await visitor.goto(`/verify/${code}`);
  await expect(visitor.getByRole("status")).toHaveText("Valid");
  await expect(visitor.getByText("Daniel Osei")).toBeVisible();
  await expect(visitor.getByText("Restorative Facilitator, Level 1")).toBeVisible();
});
