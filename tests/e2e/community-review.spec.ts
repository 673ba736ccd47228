// Community review in the browser: a trainer flags a draft, publishing is refused until a community reviewer
// (outside the police) records a review of the current text, and the published version shows that review.
import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "../support/a11y";
import { signIn } from "../support/e2e";

const TITLE = "The other house";

test("a flagged draft is published only after a community reviewer reviews its text, and the version shows who reviewed it", async ({
  browser,
}) => {
  const author = await (await browser.newContext()).newPage();
  await signIn(author, "trainer@example.org");
  await author.goto("/studio/scenarios/disclosure-before-charge");
  await author.getByRole("button", { name: "Edit a copy" }).click();
  await author.getByRole("button", { name: "Ask for community review" }).click();
  await expect(author.getByText(/Flagged for community review/)).toBeVisible();
  await expect(author.getByRole("region", { name: "Community review" })).toContainText("has not been reviewed yet");
  await author.getByRole("button", { name: "Submit for review" }).click();
  await expect(author.getByText("Submitted for review by another trainer.")).toBeVisible();
  const draftUrl = author.url();

  const reviewer = await (await browser.newContext()).newPage();
  await signIn(reviewer, "trainer2@example.org");
  await reviewer.goto(draftUrl);
  await reviewer.getByRole("button", { name: "Approve and publish" }).click();
  await expect(reviewer.getByRole("alert")).toContainText("needs a community review of its current text");

  const advocate = await (await browser.newContext()).newPage();
  await signIn(advocate, "advocate@example.org");
  await advocate.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Community review" }).click();
  await expect(advocate.getByRole("heading", { level: 1 })).toHaveText("Community review");
  await expectNoAxeViolations(advocate, "community review list");
  await advocate
    .getByRole("region", { name: "Waiting for your review" })
    .getByRole("link", { name: TITLE })
    .last()
    .click();
  await expect(advocate.getByRole("heading", { level: 1 })).toContainText(TITLE);
  await expectNoAxeViolations(advocate, "community review of a draft");
  for (const item of ["Retraumatizing detail", "Unsafe advice", "Victim voice"]) {
    await advocate.getByRole("group", { name: item }).getByLabel("No concern").check();
  }
  const stereotypes = advocate.getByRole("group", { name: "Stereotypes" });
  await stereotypes.getByLabel("Concern", { exact: true }).check();
  await advocate.getByRole("button", { name: "Record review" }).click();
  // A concern needs a note, and a decision is required: the browser or the server says so, nothing is recorded.
  await stereotypes
    .getByLabel("Note (required with a concern)")
    .fill("The neighbor is drawn as a stock 'troublemaker'.");
  await advocate.getByRole("group", { name: "Decision" }).getByLabel("No concerns").check();
  await advocate.getByRole("button", { name: "Record review" }).click();
  await expect(advocate.getByRole("alert")).toContainText("You marked a concern");
  for (const item of ["Retraumatizing detail", "Unsafe advice", "Victim voice"]) {
    await advocate.getByRole("group", { name: item }).getByLabel("No concern").check();
  }
  await advocate.getByRole("group", { name: "Stereotypes" }).getByLabel("Concern", { exact: true }).check();
  await advocate
    .getByRole("group", { name: "Stereotypes" })
    .getByLabel("Note (required with a concern)")
    .fill("The neighbor is drawn as a stock 'troublemaker'.");
  await advocate.getByRole("group", { name: "Decision" }).getByLabel("Concerns to address").check();
  await advocate
    .getByLabel("Overall comment (required with concerns to address)")
    .fill("Give the neighbor a reason for his anger.");
  await advocate.getByRole("button", { name: "Record review" }).click();
  await expect(advocate.getByRole("status").filter({ hasText: "Your review is recorded" })).toBeVisible();
  await expectNoAxeViolations(advocate, "community review recorded");

  await reviewer.goto(draftUrl);
  await expect(reviewer.getByRole("region", { name: "Community review" })).toContainText("Robin Alvarez");
  await expectNoAxeViolations(reviewer, "draft with its community review");
  await reviewer
    .getByLabel("Comment (required to return the draft)")
    .fill("Talked it over with the author; the neighbor's reason is now in the debrief.");
  await reviewer.getByRole("button", { name: "Approve and publish" }).click();
  await expect(reviewer.getByRole("heading", { level: 1 })).toContainText(/v2 \(latest\)/);
  await reviewer.goto("/studio/scenarios/disclosure-before-charge/versions/2");
  const onVersion = reviewer.getByRole("region", { name: "Community review of this version's text" });
  await expect(onVersion).toContainText("Robin Alvarez");
  await expect(onVersion).toContainText("The neighbor is drawn as a stock 'troublemaker'.");
  await expectNoAxeViolations(reviewer, "version with its community review");
});
