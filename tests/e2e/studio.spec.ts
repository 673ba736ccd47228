import { expect, test } from "@playwright/test";
import { signIn } from "./support";

test("a trainer edits a copy, a second trainer approves, officers play the new version and old attempts keep theirs", async ({ browser }) => {
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
  const editor = trainer.getByLabel("Scenario (YAML)");
  await expect(editor).toBeVisible();
  const source = await editor.inputValue();
  const lines = source.split("\n");
  const startLine = lines.findIndex((l) => l.startsWith("start: ")) + 1;
  const original = lines[startLine - 1]!;
  // Break it: point the start at a node that does not exist. Live validation shows the line.
  await editor.fill(source.replace(original, "start: no-such-node"));
  await expect(trainer.getByRole("listitem").filter({ hasText: 'start node "no-such-node" does not exist' })).toContainText(`Line ${startLine}`);
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
  await reviewer.getByRole("region", { name: "Waiting for your review" }).getByRole("link", { name: "Alder Street, revised" }).click();
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
