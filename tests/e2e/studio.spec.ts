import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "../support/a11y";
import { signIn } from "../support/e2e";

test("a trainer edits a copy, a second trainer approves, officers play the new version and old attempts keep theirs @postgres", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  // An officer's earlier attempt, on the version that is current now.
  const officer = await browser.newPage();
  await signIn(officer, "officer2@example.org");
  await officer.goto("/scenarios/vandalism-conference");
  await expect(officer.getByText(/version 1$/)).toBeVisible();
  await officer.getByRole("button", { name: /Start the role-play|Start over/ }).click();
  await officer.getByRole("group", { name: "Your choices" }).getByRole("button").first().click();
  await expect(officer.getByRole("heading", { name: /^Step 2/ })).toBeVisible();
  const oldAttemptUrl = officer.url();

  const trainer = await browser.newPage();
  await signIn(trainer, "trainer@example.org");
  await trainer.goto("/studio");
  await trainer.getByRole("link", { name: "Alder Street after the damage" }).click();
  await trainer.getByRole("button", { name: "Edit a copy" }).click();
  // Creating the copy checks it (every reachable state explored): slow on a busy machine.
  await trainer.waitForURL(/\/studio\/drafts\//, { timeout: 45_000 });
  const editor = trainer.getByLabel("Scenario (YAML)");
  await expect(editor).toBeVisible();
  const source = await editor.inputValue();
  const lines = source.split("\n");
  const startLine = lines.findIndex((l) => l.startsWith("start: ")) + 1;
  const original = lines[startLine - 1]!;
  // Break it: point the start at a node that does not exist. Live validation shows the line.
  await editor.fill(source.replace(original, "start: no-such-node"));
  await expect(
    trainer.getByRole("listitem").filter({ hasText: 'start node "no-such-node" does not exist' }),
  ).toContainText(`Line ${startLine}`);
  // Fix it, retitle it, save, submit.
  const titleLine = lines.find((l) => l.startsWith("title: "))!;
  await editor.fill(source.replace(titleLine, "title: Alder Street, revised"));
  await expect(trainer.locator("#draft-status")).toHaveText(/No errors/);
  await trainer.getByRole("button", { name: "Save and check" }).click();
  await expect(trainer.getByText("Saved. No errors.")).toBeVisible();
  await trainer.getByRole("button", { name: "Submit for review" }).click();
  await expect(trainer.getByText("Submitted for review by another trainer.")).toBeVisible();
  const draftUrl = trainer.url();

  const reviewer = await browser.newPage();
  await signIn(reviewer, "trainer2@example.org");
  await reviewer.goto("/studio");
  await reviewer
    .getByRole("region", { name: "Waiting for your review" })
    .getByRole("link", { name: "Alder Street, revised" })
    .click();
  await expect(reviewer).toHaveURL(draftUrl);
  await reviewer.getByLabel("Comment (required to return the draft)").fill("Reads well.");
  await reviewer.getByRole("button", { name: "Approve and publish" }).click();
  await expect(reviewer.getByRole("heading", { level: 1 })).toContainText("Alder Street, revised v2 (latest)");

  // Officers now play v2; the earlier attempt still shows v1.
  await officer.goto("/scenarios/vandalism-conference");
  await expect(officer.getByRole("heading", { level: 1 })).toHaveText("Alder Street, revised");
  await officer.goto(oldAttemptUrl);
  await expect(officer.getByRole("heading", { level: 1 })).not.toContainText("revised");
  await officer.goto("/scenarios");
  await expect(officer.getByRole("row").filter({ hasText: "(v1)" }).first()).toBeVisible();
});

test("a reviewer whose page is out of date is shown what changed and the current text, and approves only what they have seen", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const author = await browser.newPage();
  await signIn(author, "trainer@example.org");
  await author.goto("/studio/scenarios/youth-diversion-crisis");
  await author.getByRole("button", { name: "Edit a copy" }).click();
  // Creating the copy checks it (every reachable state explored): slow on a busy machine.
  await author.waitForURL(/\/studio\/drafts\//, { timeout: 45_000 });
  const editor = author.getByLabel("Scenario (YAML)");
  const source = await editor.inputValue();
  const saveAndSubmit = async (minutes: number) => {
    await editor.fill(source.replace(/^estimatedMinutes: \d+$/m, `estimatedMinutes: ${minutes}`));
    await author.getByRole("button", { name: "Save and check" }).click();
    await expect(author.getByText("Saved. No errors.")).toBeVisible({ timeout: 45_000 });
    await author.getByRole("button", { name: "Submit for review" }).click();
    await expect(author.getByText("Submitted for review by another trainer.")).toBeVisible({ timeout: 45_000 });
  };
  await saveAndSubmit(45);

  // The reviewer opens it; meanwhile the author changes it again and submits again.
  const reviewer = await (await browser.newContext()).newPage(); // axe needs a page of a context of our own
  await signIn(reviewer, "trainer2@example.org");
  await reviewer.goto(author.url());
  await expect(reviewer.getByLabel("Scenario (YAML)")).toHaveValue(/estimatedMinutes: 45/);
  await saveAndSubmit(50);

  await reviewer.getByRole("button", { name: "Approve and publish" }).click();
  await expect(reviewer.getByRole("alert")).toContainText("This draft changed since you opened it");
  const changes = reviewer.getByRole("region", { name: "Changes since you opened it" });
  await expect(changes).toContainText("− ");
  await expect(changes).toContainText("estimatedMinutes: 45");
  await expect(changes).toContainText("+ ");
  await expect(changes).toContainText("estimatedMinutes: 50");
  // Nothing was published, and the page now shows the current text.
  await expect(reviewer.getByLabel("Scenario (YAML)")).toHaveValue(/estimatedMinutes: 50/);
  await expectNoAxeViolations(reviewer, "a stale review answered with the changes");
  await reviewer.getByRole("button", { name: "Approve and publish" }).click();
  await expect(reviewer.getByRole("heading", { level: 1 })).toContainText("v2 (latest)");
});
