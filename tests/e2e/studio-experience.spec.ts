// Issue 15, the trainer's studio: the stale-approval warning and its resolution, the map that fits its box with
// zoom and a minimap by keyboard, and axe at desktop and phone sizes on the pages touched.
import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations, pageAs } from "../support/a11y";

const PHONE = { viewport: { width: 390, height: 844 } };

async function copyOf(page: Page, slug: string): Promise<string> {
  await page.goto(`/studio/scenarios/${slug}`);
  await page.getByRole("button", { name: "Edit a copy" }).click();
  // Creating the copy checks it (every reachable state explored): give it time on a busy machine. The scenario
  // used is the smallest (about 1,400 states), so the check stays well inside its 10 s limit.
  await page.waitForURL(/\/studio\/drafts\//, { timeout: 45_000 });
  await expect(page.getByLabel("Scenario (YAML)")).toBeVisible();
  return page.url();
}

/** Edits the editor's text and submits it without saving first: the submission carries the text. */
async function editAndSubmit(page: Page, edit: (source: string) => string) {
  const editor = page.getByLabel("Scenario (YAML)");
  await editor.fill(edit(await editor.inputValue()));
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page.getByText("Submitted for review by another trainer.")).toBeVisible({ timeout: 30_000 });
}

async function approve(page: Page, url: string) {
  await page.goto(url);
  await page.getByRole("button", { name: "Approve and publish" }).click();
}

test("a draft copied before a newer version was published is refused approval until its author brings the changes in", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const author = await pageAs(browser, "trainer@example.org");
  const other = await pageAs(browser, "admin@example.org");
  const reviewer = await pageAs(browser, "trainer2@example.org");

  const olderUrl = await copyOf(author, "reluctant-pre-conference");
  const newerUrl = await copyOf(other, "reluctant-pre-conference");
  await editAndSubmit(other, (s) => s.replace(/^estimatedMinutes: \d+$/m, "estimatedMinutes: 44"));
  await approve(reviewer, newerUrl);
  await expect(reviewer.getByRole("heading", { level: 1 })).toContainText("v2 (latest)", { timeout: 45_000 });

  await author.goto(olderUrl);
  await editAndSubmit(author, (s) => s.replace(/^title: .*$/m, "title: Before anything is decided (older copy)"));
  await expect(author.getByRole("heading", { name: "Version 2 was published after this draft's copy" })).toBeVisible();

  // The reviewer sees the warning, what approving would undo, and the draft against version 2; approving is refused.
  await reviewer.goto(olderUrl);
  await expect(
    reviewer.getByRole("heading", { name: "Version 2 was published after this draft's copy" }),
  ).toBeVisible();
  await expect(reviewer.getByLabel("Changes from version 1 to version 2")).toContainText("estimatedMinutes: 44");
  await expect(reviewer.getByLabel("This draft against version 2", { exact: true })).toContainText(
    "title: Before anything is decided (older copy)",
  );
  await expectNoAxeViolations(reviewer, "review page with an outdated base");
  await reviewer.getByRole("button", { name: "Approve and publish" }).click();
  await expect(reviewer.getByRole("alert")).toContainText("version 2 was published since", { timeout: 45_000 });

  const phone = await pageAs(browser, "trainer2@example.org", PHONE);
  await phone.goto(olderUrl);
  await expectNoAxeViolations(phone, "review page with an outdated base, phone");

  // The author brings the published change in, and submits again; the reviewer approves both edits together.
  await author.goto(olderUrl);
  await author.getByRole("button", { name: "Bring in the published changes" }).click();
  await expect(author.getByText(/The published changes are now in your draft/)).toBeVisible({ timeout: 45_000 });
  await expect(author.getByLabel("Scenario (YAML)")).toHaveValue(/estimatedMinutes: 44/);
  await author.getByRole("button", { name: "Submit for review" }).click();
  await expect(author.getByText("Submitted for review by another trainer.")).toBeVisible({ timeout: 45_000 });
  await approve(reviewer, olderUrl);
  await expect(reviewer.getByRole("heading", { level: 1 })).toContainText(
    "Before anything is decided (older copy) v3 (latest)",
    { timeout: 45_000 },
  );
});

test("the map fits its box, zooms and pans by keyboard, and shows where the view is on the minimap", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  for (const options of [{}, PHONE]) {
    const page = await pageAs(browser, "trainer@example.org", options);
    await page.goto("/studio/scenarios/burglary-dialogue");
    const view = page.getByRole("region", { name: /^Scenario map/ });
    const box = (await view.boundingBox())!;
    const nodes = page.locator(".scenario-map__view [data-node]");
    expect(await nodes.count()).toBeGreaterThan(20);
    for (const rect of await nodes.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON()))) {
      expect(rect.left).toBeGreaterThanOrEqual(box.x - 1);
      expect(rect.right).toBeLessThanOrEqual(box.x + box.width + 1);
      expect(rect.top).toBeGreaterThanOrEqual(box.y - 1);
      expect(rect.bottom).toBeLessThanOrEqual(box.y + box.height + 1);
    }
    await expectNoAxeViolations(page, `scenario map ${options === PHONE ? "phone" : "desktop"}`);

    const zoom = page.getByTestId("map-zoom");
    await expect(zoom).toHaveText("Whole map shown");
    const minimapView = page.getByTestId("minimap-view");
    const fullWidth = Number(await minimapView.getAttribute("width"));
    await view.focus();
    await page.keyboard.press("+");
    await page.keyboard.press("+");
    await expect(zoom).toHaveText(/Zoom 1\d\d%/);
    expect(Number(await minimapView.getAttribute("width"))).toBeLessThan(fullWidth);
    const before = Number(await minimapView.getAttribute("x"));
    await page.keyboard.press("ArrowRight");
    await expect.poll(async () => Number(await minimapView.getAttribute("x"))).toBeGreaterThan(before);
    // The minimap takes focus too, and moves the view with the arrow keys.
    await page.getByRole("region", { name: /^Minimap/ }).focus();
    await page.keyboard.press("ArrowLeft");
    await expect.poll(async () => Number(await minimapView.getAttribute("x"))).toBeLessThan(before + 1);
    await page.keyboard.press("0");
    await expect(zoom).toHaveText("Whole map shown");
    // Boxes are named by what happens there, not by node ids.
    await expect(page.locator(".scenario-map__view [data-node] text").first()).not.toHaveText(/^[a-z0-9-]+$/);
  }
});

test("playtest from a middle node offers the states play reaches there, the most common first", async ({ browser }) => {
  test.setTimeout(120_000);
  for (const options of [{}, PHONE]) {
    const page = await pageAs(browser, "trainer@example.org", options);
    await page.goto("/studio/scenarios/burglary-dialogue/playtest");
    const select = page.getByLabel("Start at node");
    const middle = await select.locator("option").nth(3).getAttribute("value");
    await select.selectOption(middle!);
    await page.waitForURL(new RegExp(`node=${middle}`));
    const states = page.getByRole("group", { name: "Participant state at this node" });
    await expect(states.getByRole("radio").first()).toBeChecked();
    await expect(states.getByText(/ways? in\)/).first()).toBeVisible();
    await expectNoAxeViolations(page, `playtest setup ${options === PHONE ? "phone" : "desktop"}`);
    await page.getByRole("button", { name: "Start playtest" }).click();
    await expect(page.getByRole("heading", { name: `Node: ${middle}` })).toBeVisible();
  }
});
