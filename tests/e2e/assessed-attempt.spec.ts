// Assessed attempts in a real browser: what the served page holds, a play to the debrief (with and without
// JavaScript), and a trainer authorizing a retake.
import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { parse as parseYaml } from "yaml";
import { signIn } from "../support/e2e";

interface Doc {
  start: string;
  participants: { id: string }[];
  meters: string[];
  nodes: Record<
    string,
    {
      narration: string;
      lines?: { text: string }[];
      choices?: { id: string; text: string; feedback: string }[];
      ending?: { outcome: string; debrief: string };
    }
  >;
}
const scenario = (slug: string) => parseYaml(fs.readFileSync(`content/scenarios/${slug}.yaml`, "utf8")) as Doc;

/** The longest run of plain words in a text: it reads the same in HTML, JSON and the streamed page data. */
function plainRun(text: string): string {
  return (text.match(/[A-Za-z0-9 ,.;:]+/g) ?? []).sort((a, b) => b.length - a.length)[0]?.trim() ?? "";
}

/** What the served page and its data must not hold at the start node: everything of the other nodes, and all feedback. */
function expectNothingBeyondStart(body: string, doc: Doc, where: string) {
  const start = doc.nodes[doc.start]!;
  const visible = new Set([
    ...doc.participants.map((p) => p.id),
    ...doc.meters,
    ...(start.choices ?? []).map((c) => c.id),
  ]);
  for (const [id, node] of Object.entries(doc.nodes)) {
    const texts = (node.choices ?? []).map((c) => [`feedback of ${id}/${c.id}`, c.feedback]);
    if (id !== doc.start) {
      texts.push(
        [`narration of ${id}`, node.narration],
        ...(node.lines ?? []).map((l) => [`a line of ${id}`, l.text]),
        ...(node.choices ?? []).map((c) => [`choice ${id}/${c.id}`, c.text]),
      );
      if (node.ending) texts.push([`outcome of ${id}`, node.ending.outcome], [`debrief of ${id}`, node.ending.debrief]);
      if (!visible.has(id)) expect(body, `${where}: id of node ${id}`).not.toMatch(new RegExp(`\\\\*"${id}\\\\*"`));
    }
    for (const [what, text] of texts) {
      const run = plainRun(text!);
      if (run.length >= 20) expect(body, `${where}: ${what}`).not.toContain(run);
    }
  }
}

async function choicesOf(page: Page) {
  return page.getByRole("group", { name: "Your choices" }).getByRole("button").allInnerTexts();
}

/** Takes the first choice offered until the debrief. */
async function playToDebrief(page: Page) {
  const verdict = page.getByRole("heading", { name: /^(Passed|Not passed)/ });
  for (let step = 1; step < 60 && !(await verdict.count()); step++) {
    await expect(page.getByRole("heading", { name: `Step ${step}: what do you do?` })).toBeVisible();
    await page.getByRole("group", { name: "Your choices" }).getByRole("button").first().click();
    await expect(page.getByRole("heading", { name: `Step ${step + 1}: what do you do?` }).or(verdict)).toBeVisible({
      timeout: 10_000,
    });
  }
  await expect(verdict).toBeVisible();
}

test("an assessed attempt serves one step at a time and ends in a debrief without the best path", async ({ page }) => {
  const slug = "burglary-dialogue";
  const doc = scenario(slug);
  await signIn(page, "officer2@example.org");
  await page.goto(`/scenarios/${slug}`);
  await expect(page.getByRole("heading", { name: "Assessment" })).toBeVisible();
  await page.getByRole("button", { name: "Start assessed attempt" }).click();
  await expect(page.getByRole("heading", { name: "Step 1: what do you do?" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("assessed attempt");

  // The served document and the page's data, as the server sends them.
  const html = await (await page.request.get(page.url())).text();
  expect(html).toContain(plainRun(doc.nodes[doc.start]!.narration));
  expectNothingBeyondStart(html, doc, "HTML");
  const data = await (await page.request.get(`${new URL(page.url()).pathname}.data`)).text();
  expectNothingBeyondStart(data, doc, "page data");

  // The same order on a reload.
  const order = await choicesOf(page);
  await page.reload();
  expect(await choicesOf(page)).toEqual(order);

  await playToDebrief(page);
  await expect(page.getByRole("heading", { name: "Your choices, one by one" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "The path that scores best" })).toHaveCount(0);
  await expect(page.getByText("A stronger choice here")).toHaveCount(0);
  await expect(page.getByText("This was an assessed attempt")).toBeVisible();

  // It cannot be taken again: the page says why instead of offering it.
  await page.goto(`/scenarios/${slug}`);
  await expect(page.getByRole("button", { name: "Start assessed attempt" })).toHaveCount(0);
  await expect(page.getByText(/already played this role-play/)).toBeVisible();
});

test("without JavaScript, each choice is a plain form post", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, "officer2@example.org");
  await page.goto("/scenarios/reluctant-pre-conference");
  await page.getByRole("button", { name: "Start assessed attempt" }).click();
  for (let step = 1; step <= 3; step++) {
    await expect(page.getByRole("heading", { name: `Step ${step}: what do you do?` })).toBeVisible();
    await page.getByRole("group", { name: "Your choices" }).getByRole("button").first().click();
  }
  await expect(page.getByRole("heading", { name: "Step 4: what do you do?" })).toBeVisible();
  await expect(page.locator(".transcript .facilitator")).toHaveCount(3);
  await context.close();
});

test("when another tab already answered a step, the assessed player says so and shows where the conversation stands", async ({
  browser,
}) => {
  const context = await browser.newContext();
  const a = await context.newPage();
  // A recruit with no role-play history, so the assessed attempt is a fresh first play whatever ran before.
  await signIn(a, "recruit30@example.org");
  await a.goto("/scenarios/youth-diversion-crisis");
  await a.getByRole("button", { name: "Start assessed attempt" }).click();
  await expect(a.getByRole("heading", { name: "Step 1: what do you do?" })).toBeVisible();
  const b = await context.newPage();
  await b.goto(a.url());
  // b answers only once the very button it clicks is React's (hydrated): a click before that is a plain form post
  // racing the page's own scripts, which is what made this journey fail in about half of the full runs.
  const bChoice = b.getByRole("group", { name: "Your choices" }).getByRole("button").nth(1);
  await expect
    .poll(() => bChoice.evaluate((el) => Object.keys(el).some((key) => key.startsWith("__reactProps"))))
    .toBe(true);
  await a.getByRole("group", { name: "Your choices" }).getByRole("button").nth(0).click();
  await expect(a.getByRole("heading", { name: "Step 2: what do you do?" })).toBeVisible();
  await bChoice.click();
  await expect(b.getByRole("heading", { name: "Step 2: what do you do?" })).toBeVisible();
  await expect(b.locator(".transcript .facilitator").first()).toHaveText(
    await a.locator(".transcript .facilitator").first().innerText(),
  );
  await expect(b.getByRole("alert")).toContainText("already answered");
  await context.close();
});

test("a trainer authorizes a retake for an officer waiting after a failed assessment", async ({ page }) => {
  await signIn(page, "trainer@example.org");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Failed assessments" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Failed assessments" })).toBeVisible();
  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: /Marcus Reed/ }) });
  await card.getByRole("button", { name: "Authorize one more assessed attempt for Marcus Reed" }).click();
  // The comment is required: the browser keeps the form until it is given.
  await expect(page.getByText("One more assessed attempt is authorized")).toHaveCount(0);
  await card
    .getByLabel(/Why one more attempt is fair/)
    .fill("We went through his debrief together; one more attempt is fair.");
  await card.getByRole("button", { name: "Authorize one more assessed attempt for Marcus Reed" }).click();
  await expect(page.getByRole("status")).toContainText("One more assessed attempt is authorized");
  await expect(page.getByRole("region", { name: "Recently authorized" })).toContainText("Marcus Reed");

  await page.getByRole("button", { name: "Sign out" }).click();
  await signIn(page, "m.reed@example.org");
  await page.goto("/scenarios/burglary-dialogue");
  await expect(page.getByText("This is your authorized retake.")).toBeVisible();
});
