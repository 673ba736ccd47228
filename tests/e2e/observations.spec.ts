import { expect, test, type Page } from "@playwright/test";
import { signIn } from "../support/e2e";

const OFFICER = { name: "Jamie Ortiz", email: "j.ortiz@example.org", password: "harbor-lantern-maple" };
const today = new Date().toISOString().slice(0, 10);

/** Chooses a level for every criterion (the i-th criterion gets levels[i], the last repeats) and writes its evidence. */
async function scoreEveryCriterion(page: Page, levels: string[], note: string) {
  const criteria = page.locator("fieldset.criterion");
  const count = await criteria.count();
  expect(count).toBe(9);
  for (let i = 0; i < count; i++) {
    const criterion = criteria.nth(i);
    await criterion.getByRole("radio", { name: new RegExp(`^${levels[Math.min(i, levels.length - 1)]}:`) }).check();
    await criterion.getByRole("textbox").fill(`${note} (criterion ${i + 1}).`);
  }
}

test("an assessor records an observation, the officer responds, a second assessor scores differently, the agreement shows", async ({
  browser,
}) => {
  // The admin creates the officer and makes the South supervisor an assessor.
  const admin = await browser.newPage();
  await signIn(admin, "admin@example.org");
  await admin.goto("/admin/users");
  const create = admin.getByRole("region", { name: "Create a user" });
  await create.getByLabel("Full name").fill(OFFICER.name);
  await create.getByLabel("Email").fill(OFFICER.email);
  await create.getByLabel("Unit").selectOption({ label: "South Precinct" });
  await create.getByLabel("Initial password").fill(OFFICER.password);
  // The officer signs in with this password below: not asked to change it first.
  await create.getByLabel("Must change password at next sign-in").uncheck();
  await create.getByRole("button", { name: "Create user" }).click();
  await expect(admin.getByText(`Created an account for ${OFFICER.name}.`)).toBeVisible();
  await admin.goto("/admin/users?q=Dana+Whitfield");
  await admin.getByText("Manage Dana Whitfield").click();
  await admin.getByRole("button", { name: "Make Dana Whitfield an assessor" }).click();
  await expect(admin.getByText("Permission granted.")).toBeVisible();

  // Dana records an observation of the officer against the meeting rubric.
  const dana = await browser.newPage();
  await signIn(dana, "supervisor2@example.org");
  await dana.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Observations" }).click();
  await dana.getByRole("link", { name: "Record an observation" }).click();
  await dana.getByRole("link", { name: "Use “Facilitating a restorative meeting”" }).click();
  await dana.getByRole("combobox", { name: "Officer" }).selectOption({ label: `${OFFICER.name} (South Precinct)` });
  await dana.getByLabel("Date observed").fill(today);
  await dana.getByLabel("Setting").selectOption("Live role-play");
  await dana.getByLabel("Kind of process").selectOption("joint-meeting");
  // Without evidence notes nothing is saved.
  await dana.getByRole("button", { name: "Save the observation" }).click();
  await expect(dana.getByText("Nothing was saved.")).toBeVisible();
  await expect(
    dana.getByText("Preparation shows in the room: write the evidence you saw (at least 10 characters)."),
  ).toBeVisible();
  await scoreEveryCriterion(dana, ["Competent", "Competent", "Strong", "Developing", "Competent"], "Dana saw this");
  await dana.getByRole("group", { name: "Overall judgement" }).getByRole("radio", { name: "Competent" }).check();
  await dana
    .getByLabel("Comment on the overall judgement")
    .fill("A sound meeting; questioning is the thing to work on.");
  await dana.getByRole("button", { name: "Save the observation" }).click();
  await expect(dana.getByRole("heading", { level: 1, name: `Observation of ${OFFICER.name}` })).toBeVisible();
  await expect(dana.getByText("The observation is saved.")).toBeVisible();
  const observationUrl = new URL(dana.url()).pathname;

  // The officer reads it and responds, once.
  const officer = await browser.newPage();
  await signIn(officer, OFFICER.email, OFFICER.password);
  await officer.goto("/certification");
  const observations = officer.getByRole("region", { name: "Observations of your facilitation" });
  await expect(observations.getByRole("cell", { name: "Awaiting response" })).toBeVisible();
  await observations.getByRole("link", { name: new RegExp(`^${today}`) }).click();
  await expect(officer.getByRole("cell", { name: "Dana saw this (criterion 1)." })).toBeVisible();
  await officer
    .getByLabel("Your response")
    .fill("I agree; I will practise open follow-up questions before my next meeting.");
  await officer.getByRole("button", { name: "Save my response" }).click();
  await expect(officer.getByText("Your response is saved.")).toBeVisible();
  await expect(officer.getByLabel("Your response")).toHaveCount(0);

  // Priya, a trainer and assessor, scores it without seeing Dana's levels, and differently.
  const priya = await browser.newPage();
  await signIn(priya, "trainer2@example.org");
  await priya.goto("/observations");
  await priya
    .getByRole("region", { name: "Waiting for a second, independent scoring" })
    .getByRole("link", { name: new RegExp(`${OFFICER.name}`) })
    .click();
  await expect(priya.getByRole("heading", { name: "Your independent scoring" })).toBeVisible();
  await expect(priya.getByText("Dana saw this", { exact: false })).toHaveCount(0);
  await expect(priya.getByText("I agree; I will practise")).toHaveCount(0);
  expect(await priya.content()).not.toContain("Dana saw this");
  await scoreEveryCriterion(priya, ["Developing", "Competent", "Competent", "Not yet", "Competent"], "Priya saw this");
  await priya.getByRole("group", { name: "Overall judgement" }).getByRole("radio", { name: "Developing" }).check();
  await priya
    .getByLabel("Comment on the overall judgement")
    .fill("Questioning still reads like an interview at times.");
  await priya.getByRole("button", { name: "Save my scoring" }).click();
  await expect(priya.getByText("Your scoring is saved.")).toBeVisible();

  // Now both scorings show, with the agreement per criterion.
  const agreement = priya.getByRole("region", { name: "Agreement between the assessors" });
  await expect(agreement.getByText("Same level on 6 of 9 criteria.")).toBeVisible();
  const preparation = agreement.getByRole("row", { name: /Preparation shows in the room/ });
  await expect(preparation.getByRole("cell").nth(0)).toHaveText("Competent");
  await expect(preparation.getByRole("cell").nth(1)).toHaveText("Developing");
  await expect(preparation.getByRole("cell").nth(2)).toHaveText("1 level apart");
  await expect(
    agreement
      .getByRole("row", { name: /Restorative questions and listening/ })
      .getByRole("cell")
      .nth(2),
  ).toHaveText("1 level apart");
  await expect(priya.getByRole("cell", { name: "Dana saw this (criterion 1)." })).toBeVisible();
  await expect(priya.getByText("I agree; I will practise open follow-up questions")).toBeVisible();

  // The first assessor sees the same, and the agency's figures include it.
  await dana.goto(observationUrl);
  await expect(
    dana.getByRole("region", { name: "Agreement between the assessors" }).getByText("Same level on 6 of 9 criteria."),
  ).toBeVisible();
  await dana.getByRole("link", { name: "Agreement between assessors across the agency" }).click();
  await expect(dana.getByRole("heading", { level: 1, name: "Agreement between assessors" })).toBeVisible();
  const row = dana
    .getByRole("region", { name: "Per criterion" })
    .getByRole("row", { name: /Preparation shows in the room/ });
  await expect(row.getByRole("cell").nth(1)).toHaveText("12");
  await expect(row.getByRole("cell").nth(3)).toHaveText(/^-?\d\.\d\d \(/);
  await expect(
    dana.getByRole("row", { name: /(Dana Whitfield and Priya Nair|Priya Nair and Dana Whitfield)/ }),
  ).toContainText("Not enough data (1 of 5 observations needed)");
});
