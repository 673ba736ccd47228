// The visual scenario editor (issue 19's Done-when): a trainer builds a five-node scenario with two participants
// of their own (each with a meter of their own and a portrait) by keyboard alone (Tab, Shift+Tab, Enter, Space,
// arrow keys and typing: no clicks, no fills), it passes the check, a second trainer approves and publishes it
// through the review flow, and an officer plays it to its passing ending, seeing both portraits and both own
// meters move. Then the map's pointer way in: dragging from one node to another adds a choice between them.
import path from "node:path";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { expectNoAxeViolations, pageAs, tabTo, waitForHydration } from "../support/a11y";

/** Moves a focused-by-Tab select to the option with `value` with the arrow keys (each step is a change). */
async function pickByKeyboard(page: Page, select: Locator, value: string, { back = false } = {}) {
  await tabTo(page, select, { back, max: 80 });
  const { current, wanted } = await select.evaluate((el, v) => {
    const s = el as HTMLSelectElement;
    return { current: s.selectedIndex, wanted: Array.from(s.options).findIndex((o) => o.value === v) };
  }, value);
  expect(wanted, `option ${value}`).toBeGreaterThanOrEqual(0);
  for (let i = current; i !== wanted; i += wanted > current ? 1 : -1)
    await page.keyboard.press(wanted > current ? "ArrowDown" : "ArrowUp");
  await expect(select).toHaveValue(value);
}

/** Tabs to a field and types into it. */
async function typeInto(page: Page, field: Locator, text: string, { back = false } = {}) {
  await tabTo(page, field, { back, max: 80 });
  await page.keyboard.type(text);
  await expect(field).toHaveValue(text);
}

interface ChoiceSpec {
  text: string;
  target: string;
  effects?: Record<string, number>;
  scores: Record<string, number>;
  feedback: string;
  conditions?: { if: string; goto: string }[];
}

/** Adds a choice to the node shown in the panel and fills it in, field after field in the order of the page. */
async function addChoiceByKeyboard(page: Page, nodeId: string, index: number, choice: ChoiceSpec) {
  await pickByKeyboard(page, page.locator(`#ve-${nodeId}-new-choice-target`), choice.target);
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Add the choice" })).toBeFocused();
  await page.keyboard.press("Enter");
  const id = `#ve-${nodeId}-c${index}`;
  // Focus moves to the new choice's text.
  await expect(page.locator(`${id}-text`)).toBeFocused();
  await page.keyboard.type(choice.text);
  for (const [i, condition] of (choice.conditions ?? []).entries()) {
    await tabTo(page, page.locator(`${id}-add-condition`));
    await page.keyboard.press("Enter");
    await expect(page.locator(`${id}-t${i}-if`)).toBeFocused();
    await page.keyboard.type(condition.if);
    await pickByKeyboard(page, page.locator(`${id}-t${i}-goto`), condition.goto);
  }
  for (const [key, value] of Object.entries(choice.effects ?? {}))
    await typeInto(page, page.locator(`${id}-effect-${key}`), String(value));
  for (const [competency, points] of Object.entries(choice.scores))
    await pickByKeyboard(page, page.locator(`${id}-score-${competency}`), String(points));
  await typeInto(page, page.locator(`${id}-feedback`), choice.feedback);
}

/** Tabs to a field, selects what it holds and types over it. */
async function retype(page: Page, field: Locator, text: string, { back = false } = {}) {
  await tabTo(page, field, { back, max: 120 });
  await page.keyboard.press("ControlOrMeta+a");
  if (text) await page.keyboard.type(text);
  else await page.keyboard.press("Backspace");
  await expect(field).toHaveValue(text);
}

const PORTRAITS = path.resolve(import.meta.dirname, "../fixtures/portraits");

interface ParticipantSpec {
  id: string;
  name: string;
  role: string;
  description: string;
  meter: { id: string; label: string; start: string };
  portrait: { file: string; alt: string };
}

/** Adds a participant in the open participants panel, a meter of their own, and uploads their portrait. */
async function addParticipantByKeyboard(page: Page, p: ParticipantSpec) {
  await typeInto(page, page.getByLabel("New participant's id"), p.id);
  await page.keyboard.press("Tab");
  await page.keyboard.type(p.name);
  await page.keyboard.press("Tab");
  await page.keyboard.type(p.role);
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Add the participant" })).toBeFocused();
  await page.keyboard.press("Enter");
  // Focus moves to what the new participant still needs: who they are.
  const description = page.locator(`#ve-p-${p.id}-description`);
  await expect(description).toBeFocused();
  await expect(page.getByTestId("editor-announcement")).toHaveText(
    `Added participant ${p.name}. Say who they are and what they need.`,
  );
  await page.keyboard.type(p.description);
  await typeInto(page, page.locator(`#ve-p-${p.id}-add-meter-id`), p.meter.id);
  await page.keyboard.press("Tab");
  await page.keyboard.type(p.meter.label);
  await retype(page, page.locator(`#ve-p-${p.id}-add-meter-start`), p.meter.start);
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: `Add the meter to ${p.name}` })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("editor-announcement")).toHaveText(
    `Added ${p.name}: ${p.meter.label}, starting at ${p.meter.start}.`,
  );
  await expect(page.locator(`#ve-p-${p.id}-m-${p.meter.id}-start`)).toHaveValue(p.meter.start);
  // The portrait: the file chooser opens from the keyboard (Space on the focused file field).
  await tabTo(page, page.locator(`#ve-p-${p.id}-portrait-file`), { max: 60 });
  const chooser = page.waitForEvent("filechooser");
  await page.keyboard.press("Space");
  await (await chooser).setFiles(path.join(PORTRAITS, p.portrait.file));
  await page.keyboard.press("Tab");
  await expect(page.locator(`#ve-p-${p.id}-portrait-alt`)).toBeFocused();
  await page.keyboard.type(p.portrait.alt);
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: `Upload ${p.name}'s portrait` })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator(`#ve-p-${p.id}-portrait-status`)).toContainText(`Portrait of ${p.name} added as sha256-`, {
    timeout: 45_000,
  });
  await expect(page.locator(`#ve-p-${p.id}-portrait-error`)).toHaveText("");
  // The upload saved the editor's text with the portrait in it, and the editor shows it.
  await expect(page.getByRole("img", { name: p.portrait.alt })).toBeVisible();
  await expect(page.getByLabel("Scenario (YAML)")).toHaveValue(
    new RegExp(`portrait: sha256-[0-9a-f]{64}\\n {4}portraitAlt: ${p.portrait.alt}\\n`),
  );
}

const MARIA: ParticipantSpec = {
  id: "maria",
  name: "Maria",
  role: "harmed person",
  description: "Her bicycle shop was broken into; she wants to know why hers.",
  meter: { id: "security", label: "sense of safety", start: "30" },
  portrait: { file: "maria.png", alt: "Maria, a woman in her fifties with short grey hair" },
};
const DANIEL: ParticipantSpec = {
  id: "daniel",
  name: "Daniel",
  role: "responsible person",
  description: "Nineteen, did it on a dare, and is afraid of what his mother will say.",
  meter: { id: "accountability", label: "owning what he did", start: "20" },
  portrait: { file: "daniel.png", alt: "Daniel, a young man in a hooded jacket" },
};

async function addNodeByKeyboard(page: Page, nodeId: string, narration: string) {
  await typeInto(page, page.getByLabel("New node's id"), nodeId, { back: true });
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Kind")).toHaveValue("decision");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Add the node" })).toBeFocused();
  await page.keyboard.press("Enter");
  // Focus moves to the new node's narration, and the live region says what happened.
  await expect(page.getByLabel("Narration")).toBeFocused();
  await expect(page.getByTestId("editor-announcement")).toHaveText(
    `Added decision node ${nodeId}. Write its narration.`,
  );
  await page.keyboard.type(narration);
}

test("a trainer builds a five-node scenario by keyboard in the visual editor; it is reviewed, published and played", async ({
  browser,
}) => {
  test.setTimeout(600_000);
  const trainer = await pageAs(browser, "trainer@example.org");
  await trainer.goto("/studio");
  await waitForHydration(trainer);
  await tabTo(trainer, trainer.getByRole("button", { name: "New scenario draft" }), { max: 80 });
  await trainer.keyboard.press("Enter");
  await trainer.waitForURL(/\/studio\/drafts\//, { timeout: 45_000 });
  await waitForHydration(trainer);
  const draftUrl = trainer.url();
  const editor = trainer.getByRole("region", { name: "Visual editor" });
  await expect(editor).toBeVisible();
  // The template's start node is open in the panel.
  await expect(trainer.getByLabel("Node to edit")).toHaveValue("opening");

  // A node to delete again: the confirmation takes focus, and after the deletion focus is on the node list.
  await addNodeByKeyboard(trainer, "spare", "A node added by mistake.");
  await tabTo(trainer, trainer.getByRole("button", { name: "Delete this node…" }));
  await trainer.keyboard.press("Enter");
  await expect(trainer.getByRole("heading", { name: "Delete node spare?" })).toBeFocused();
  await tabTo(trainer, trainer.getByRole("button", { name: "Delete node spare" }));
  await trainer.keyboard.press("Enter");
  await expect(trainer.getByLabel("Node to edit")).toBeFocused();
  await expect(trainer.getByTestId("editor-announcement")).toHaveText("Deleted node spare.");
  await expect(trainer.getByLabel("Scenario (YAML)")).not.toHaveValue(/spare/);

  // The participants: the template's two are replaced by the scenario's own, each with a meter of their own and a
  // portrait. The panel opens from the keyboard.
  const panel = trainer.locator("#ve-participants");
  await tabTo(trainer, panel.locator("summary"), { back: true, max: 80 });
  await trainer.keyboard.press("Enter");
  await expect(panel).toHaveAttribute("open", "");
  // Removing a participant the scenario still uses is refused, naming where (nothing changes).
  const before = await trainer.getByLabel("Scenario (YAML)").inputValue();
  await tabTo(trainer, trainer.getByRole("button", { name: "Remove participant Alex" }));
  await trainer.keyboard.press("Enter");
  await expect(trainer.getByRole("alert").filter({ hasText: "Alex (alex) is still used" })).toHaveText(
    "Alex (alex) is still used: opening: line 1 is theirs; opening: choice welcome changes their meters. Change those first, then remove them.",
  );
  await expect(trainer.getByLabel("Scenario (YAML)")).toHaveValue(before);
  await addParticipantByKeyboard(trainer, MARIA);
  await addParticipantByKeyboard(trainer, DANIEL);
  // The opening now speaks of Maria and Daniel: Maria says the first line, the template's effects go, and the
  // welcome moves both participants' trust and each one's own meter ("Maria: sense of safety").
  await pickByKeyboard(trainer, trainer.locator("#ve-opening-l0-speaker"), "maria");
  await retype(trainer, trainer.locator("#ve-opening-c0-effect-alex-trust"), "");
  await retype(trainer, trainer.locator("#ve-opening-c0-effect-sam-trust"), "");
  await expect(trainer.getByLabel("Maria: sense of safety", { exact: true }).first()).toHaveAttribute(
    "id",
    "ve-opening-c0-effect-maria-security",
  );
  for (const [field, value] of [
    ["maria-trust", "10"],
    ["maria-security", "10"],
    ["daniel-trust", "10"],
    ["daniel-accountability", "5"],
  ] as const)
    await typeInto(trainer, trainer.locator(`#ve-opening-c0-effect-${field}`), value);
  await retype(trainer, trainer.locator("#ve-opening-c1-text"), "Ask Daniel to explain himself straight away.");
  await retype(trainer, trainer.locator("#ve-opening-c1-effect-sam-safety"), "");
  await typeInto(trainer, trainer.locator("#ve-opening-c1-effect-daniel-safety"), "-20");
  // Now nothing uses Alex or Sam: they go.
  for (const name of ["Alex", "Sam"]) {
    await tabTo(trainer, trainer.getByRole("button", { name: `Remove participant ${name}` }), { back: true, max: 200 });
    await trainer.keyboard.press("Enter");
    await expect(trainer.getByTestId("editor-announcement")).toHaveText(`Removed participant ${name}.`);
    await expect(trainer.getByLabel("New participant's id")).toBeFocused();
  }
  await expect(panel.locator("summary")).toContainText("Participants (2)");
  await expect(trainer.getByLabel("Scenario (YAML)")).not.toHaveValue(/alex|sam\b/);
  // The panel closes again from its summary, so the node panel's tab order is what it was.
  await tabTo(trainer, panel.locator("summary"), { back: true, max: 120 });
  await trainer.keyboard.press("Enter");
  await expect(panel).not.toHaveAttribute("open");

  // The last decision: where the repair is agreed, or not. Whether asking Alex works depends on trust built
  // two decisions earlier.
  await addNodeByKeyboard(trainer, "repair", "Both of them are quiet. It is time to talk about putting things right.");
  await addChoiceByKeyboard(trainer, "repair", 0, {
    text: "Suggest the repair plan you drafted before the meeting.",
    target: "no-agreement",
    scores: { process: 1 },
    feedback: "A ready-made plan belongs to you, not to them.",
  });
  await addChoiceByKeyboard(trainer, "repair", 1, {
    text: "Ask Maria what she needs to put things right.",
    target: "no-agreement",
    conditions: [
      { if: "daniel.trust < 60", goto: "no-agreement" },
      { if: "maria.trust >= 70", goto: "agreement" },
    ],
    effects: { "daniel-accountability": 15 },
    scores: { empathy: 2, process: 2 },
    feedback: "Asking the harmed person first keeps the repair theirs.",
  });
  await addChoiceByKeyboard(trainer, "repair", 2, {
    text: "Tell Daniel what he will do to make up for it.",
    target: "no-agreement",
    scores: { empathy: -1, process: -1 },
    feedback: "Deciding for them takes the agreement out of their hands.",
  });

  // The middle decision, with a line Alex says.
  await addNodeByKeyboard(trainer, "story", "Maria starts to describe the morning she found the shop, then stops.");
  await tabTo(trainer, trainer.getByRole("button", { name: "Add a line" }));
  await trainer.keyboard.press("Enter");
  await expect(trainer.getByLabel("Line 1: speaker")).toBeFocused();
  await expect(trainer.getByLabel("Line 1: speaker")).toHaveValue("maria");
  await typeInto(trainer, trainer.getByLabel("Line 1: what they say"), "I don't know if I can do this.");
  const stories: ChoiceSpec[] = [
    {
      text: "Read the incident report aloud so everyone has the same facts.",
      target: "repair",
      effects: { "maria-trust": -10, "maria-security": -5 },
      scores: { process: 2 },
      feedback: "The report is accurate, but it takes the story out of her hands.",
    },
    {
      text: "Tell Maria there is no hurry and wait for her.",
      target: "repair",
      effects: { "maria-trust": 10, "maria-security": 10 },
      scores: { empathy: 1 },
      feedback: "Giving her time tells her that her account matters.",
    },
    {
      text: "Ask Daniel to answer what Maria has said so far.",
      target: "repair",
      scores: { process: 1 },
      feedback: "Turning to Daniel too soon leaves Maria's account unfinished.",
    },
  ];
  for (const [i, choice] of stories.entries()) await addChoiceByKeyboard(trainer, "story", i, choice);

  // Back to the opening: the welcome now leads to the story, and a third choice is the tempting shortcut.
  await pickByKeyboard(trainer, trainer.getByLabel("Node to edit"), "opening", { back: true });
  await expect(trainer.getByRole("heading", { name: /\(node opening\)/ })).toBeVisible();
  await pickByKeyboard(trainer, trainer.locator("#ve-opening-c0-t0-goto"), "story");
  await addChoiceByKeyboard(trainer, "opening", 2, {
    text: "Go straight to the agenda so nobody's time is wasted.",
    target: "story",
    effects: { "maria-trust": -10, "daniel-trust": -10 },
    scores: { safety: 2, process: 3 },
    feedback: "Skipping the welcome saves minutes and costs the trust you need later.",
  });

  // Both views are one scenario: the text has it all, the map shows five nodes, and the check passes.
  const yaml = trainer.getByLabel("Scenario (YAML)");
  await expect(yaml).toHaveValue(/\n {2}story:\n {4}narration: Maria starts to describe/);
  await expect(yaml).toHaveValue(/- if: maria\.trust >= 70\n {12}goto: agreement/);
  await expect(yaml).toHaveValue(
    /effects: \{ maria: \{ trust: 10, security: 10 \}, daniel: \{ trust: 10, accountability: 5 \} \}/,
  );
  await expect(editor.locator("svg title").first()).toHaveText(/5 nodes and 11 arrows/);
  await expect(trainer.locator("#draft-status")).toHaveText("No errors", { timeout: 30_000 });
  await tabTo(trainer, panel.locator("summary"), { back: true, max: 200 });
  await trainer.keyboard.press("Enter");
  await expect(panel).toHaveAttribute("open", "");
  await expect(panel.getByRole("img", { name: DANIEL.portrait.alt })).toBeVisible();
  await expectNoAxeViolations(trainer, "the visual editor with the participants panel open (desktop)");
  await tabTo(trainer, trainer.getByRole("button", { name: "Submit for review" }), { back: true, max: 200 });
  await trainer.keyboard.press("Enter");
  await expect(trainer.getByText("Submitted for review by another trainer.")).toBeVisible({ timeout: 45_000 });
  // On a phone the editor stacks: the panel below the map, the text above both.
  const phone = await pageAs(browser, "trainer@example.org", { viewport: { width: 390, height: 844 } });
  await phone.goto(draftUrl);
  await waitForHydration(phone);
  await expect(phone.locator("#ve-opening-c2-text")).toHaveValue(
    "Go straight to the agenda so nobody's time is wasted.",
  );
  await expect(phone.getByRole("img", { name: MARIA.portrait.alt })).toHaveCount(0);
  await tabTo(phone, phone.locator("#ve-participants summary"), { max: 120 });
  await phone.keyboard.press("Enter");
  await expect(phone.getByRole("img", { name: MARIA.portrait.alt })).toBeVisible();
  await expect(phone.locator("#ve-p-daniel-m-accountability-label")).toHaveValue("owning what he did");
  await expectNoAxeViolations(phone, "the visual editor with the participants panel open (390x844)");

  // A second trainer approves and publishes it.
  const reviewer = await pageAs(browser, "trainer2@example.org");
  await reviewer.goto(draftUrl);
  await reviewer.getByRole("button", { name: "Approve and publish" }).click();
  await expect(reviewer.getByRole("heading", { level: 1 })).toContainText("v1 (latest)", { timeout: 45_000 });
  // The studio's summary of the opening's choices names each meter as the editor did.
  await reviewer.goto("/studio/scenarios/new-scenario?version=1&node=opening");
  await expect(
    reviewer.getByText(
      /Effects: Maria: trust \+10, Maria: sense of safety \+10, Daniel: trust \+10, Daniel: owning what he did \+5/,
    ),
  ).toBeVisible();

  // An officer plays it: the welcome, time for Alex, then asking her what she needs reaches the agreement.
  const officer = await pageAs(browser, "officer@example.org");
  await officer.goto("/scenarios/new-scenario");
  await officer.getByRole("button", { name: "Start the role-play" }).click();
  const choices = officer.getByRole("group", { name: "Your choices" });
  // Both portraits, with their alt text, and each participant's own meter at its start.
  const strip = officer.getByRole("region", { name: "The participants" });
  await expect(strip.getByRole("img", { name: MARIA.portrait.alt })).toBeVisible();
  await expect(strip.getByRole("img", { name: DANIEL.portrait.alt })).toBeVisible();
  const safety = strip.getByRole("meter", { name: "Maria's sense of safety" });
  const owning = strip.getByRole("meter", { name: "Daniel's owning what he did" });
  await expect(safety).toHaveAttribute("value", "30");
  await expect(owning).toHaveAttribute("value", "20");
  await choices.getByRole("button", { name: "Welcome everyone and explain how the meeting will work." }).click();
  await expect(officer.getByRole("heading", { name: /^Step 2/ })).toBeVisible();
  await expect(safety).toHaveAttribute("value", "40");
  await expect(owning).toHaveAttribute("value", "25");
  await expect(strip.locator(".strip__changes")).toContainText("Maria's sense of safety +10");
  await choices.getByRole("button", { name: "Tell Maria there is no hurry and wait for her." }).click();
  await expect(officer.getByRole("heading", { name: /^Step 3/ })).toBeVisible();
  await expect(safety).toHaveAttribute("value", "50");
  await choices.getByRole("button", { name: "Ask Maria what she needs to put things right." }).click();
  await expect(officer.getByRole("heading", { name: /^Passed/ })).toBeVisible({ timeout: 15_000 });
  await expect(officer.getByText("Agreement reached.").first()).toBeVisible();
});

test("dragging from one node to another on the map adds a choice between them", async ({ browser }) => {
  test.setTimeout(120_000);
  const trainer = await pageAs(browser, "trainer@example.org");
  await trainer.goto("/studio");
  await trainer.getByRole("button", { name: "New scenario draft" }).click();
  await trainer.waitForURL(/\/studio\/drafts\//, { timeout: 45_000 });
  await waitForHydration(trainer);
  const map = trainer.getByRole("region", { name: "Visual editor" });
  await map.locator('[data-node="opening"]').scrollIntoViewIfNeeded();
  const boxes = async () => ({
    from: await map.locator('[data-node="agreement"]').boundingBox(),
    to: await map.locator('[data-node="opening"]').boundingBox(),
  });
  let { from, to } = await boxes();
  // From the ending to the start is refused (endings have no choices); from the start to the ending works.
  await trainer.mouse.move(from!.x + from!.width / 2, from!.y + from!.height / 2);
  await trainer.mouse.down();
  await trainer.mouse.move(to!.x + to!.width / 2, to!.y + to!.height / 2, { steps: 5 });
  await trainer.mouse.up();
  await expect(trainer.getByRole("alert")).toHaveText('"agreement" is an ending: endings have no choices.');
  // The message moved the map down the page: measure the nodes again.
  await map.locator('[data-node="opening"]').scrollIntoViewIfNeeded();
  ({ from, to } = await boxes());
  await trainer.mouse.move(to!.x + to!.width / 2, to!.y + to!.height / 2);
  await trainer.mouse.down();
  await trainer.mouse.move(from!.x + from!.width / 2, from!.y + from!.height / 2, { steps: 5 });
  await trainer.mouse.up();
  await expect(trainer.getByTestId("editor-announcement")).toHaveText(
    "Added choice choice-3 from opening to agreement.",
  );
  await expect(trainer.locator("#ve-opening-c2-text")).toBeFocused();
  await expect(trainer.getByLabel("Scenario (YAML)")).toHaveValue(
    /- id: choice-3\n {8}text: ""\n {8}feedback: ""\n {8}next: agreement\n/,
  );
  // The check of the new text names what the choice still needs, in the node's panel.
  await expect(trainer.locator("#ve-opening-issues")).toContainText("must not be empty", { timeout: 30_000 });
});
