// The visual editor's edits: each returns new YAML text that changes only the part edited, keeps comments and
// key order, and gives the validator (the one set of rules) exactly what the panel showed.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseScenario } from "../../app/scenarios/parse";
import { validateScenario } from "../../app/scenarios/validate";
import {
  addChoice,
  addLine,
  addNode,
  addOwnMeter,
  addParticipant,
  choicesLeadingTo,
  deleteChoice,
  deleteLine,
  deleteNode,
  readOutline,
  removeOwnMeter,
  removeParticipant,
  setChoiceText,
  setEffect,
  setEnding,
  setLine,
  setNodeImage,
  setNodeText,
  setOwnMeter,
  setParticipantText,
  setPortrait,
  setScore,
  setStart,
  setTargets,
} from "../../app/studio/scenario-edits";
import { SCENARIO_TEMPLATE } from "../../app/studio/templates";

const LIBRARY = path.resolve(import.meta.dirname, "../../content/scenarios");
const library = (slug: string) => fs.readFileSync(path.join(LIBRARY, `${slug}.yaml`), "utf8");

/** The lines of `after` that are not in `before` at the same place, counted from both ends. */
function changedLines(before: string, after: string): { at: number; removed: string[]; added: string[] } {
  const a = before.split("\n");
  const b = after.split("\n");
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  return { at: head + 1, removed: a.slice(head, a.length - tail), added: b.slice(head, b.length - tail) };
}

const COMMENTED = `# A scenario with comments everywhere.
slug: new-scenario
title: A new scenario # the library's name
summary: >-
  A folded summary that
  spans two lines.
setting: A room.
estimatedMinutes: 15
passMark: 70
competencies: [empathy, safety, process]
contentNotes: []
meters: [trust, safety]
participants:
  - id: alex
    name: Alex
    role: harmed person
    description: Who they are.
    initial: { trust: 50, safety: 50 }
  - id: sam
    name: Sam
    role: responsible person
    description: Who they are.
    initial: { trust: 50, safety: 50 }
start: opening
nodes:
  # The first thing the officer sees.
  opening:
    narration: Everyone has arrived. # keep this note
    choices:
      - id: welcome
        text: Welcome everyone.
        effects: { alex: { trust: 10 } }
        scores: { process: 2 }
        feedback: Explaining the process helps.
        next: agreement # the good way
      - id: rush
        text: Ask Sam to explain himself.
        scores: { safety: -2 }
        feedback: >-
          Starting with him on the spot
          puts him on trial.
        next: no-agreement

  # Endings below.
  agreement:
    narration: The meeting ends with a plan.
    ending: { outcome: Agreement reached., success: true, debrief: It worked. }
  no-agreement:
    narration: The meeting ends early.
    ending:
      outcome: No agreement.
      success: false
      debrief: It did not work.
`;

describe("scenario edits", () => {
  it("round trip: an edit rewrites only the node it touches, keeping every comment and the folded text elsewhere", () => {
    const edited = setNodeText(COMMENTED, "agreement", "narration", "They agree on a plan both can keep.");
    expect(changedLines(COMMENTED, edited)).toEqual({
      at: 46,
      removed: ["    narration: The meeting ends with a plan."],
      added: ["    narration: They agree on a plan both can keep."],
    });
    // Inside the edited node too: its comments stay and its keys keep their order.
    const opening = setChoiceText(COMMENTED, "opening", 0, "text", "Welcome everyone and explain the process.");
    const { removed, added } = changedLines(COMMENTED, opening);
    expect(removed).toEqual(["        text: Welcome everyone."]);
    expect(added).toEqual(["        text: Welcome everyone and explain the process."]);
    for (const comment of COMMENTED.split("\n").filter((l) => l.includes("#")))
      expect(opening.split("\n")).toContain(comment);
    // A change of structure writes the node again: its comments and key order stay, the other nodes are untouched.
    const restructured = addChoice(COMMENTED, "opening", "pause", "agreement");
    for (const comment of ["# keep this note", "# the good way", "# Endings below.", "# The first thing"])
      expect(restructured).toContain(comment);
    expect(restructured.slice(restructured.indexOf("  # Endings below."))).toBe(
      COMMENTED.slice(COMMENTED.indexOf("  # Endings below.")),
    );
    expect(restructured).toContain('        next: no-agreement\n      - id: pause\n        text: ""\n');
    // Read back, it is the same scenario with the new text.
    expect(readOutline(opening)).toMatchObject({
      ok: true,
      outline: {
        nodes: [{ id: "opening", choices: [{ text: "Welcome everyone and explain the process." }, {}] }, {}, {}],
      },
    });
  });

  it("edits a library scenario node without touching the rest of the file", () => {
    const text = library("burglary-dialogue");
    const outline = readOutline(text);
    if (!outline.ok) throw new Error(outline.message);
    const node = outline.outline.nodes[3]!;
    const edited = setNodeText(text, node.id, "title", "A new title");
    const { at, removed, added } = changedLines(text, edited);
    expect(added).toContain("    title: A new title");
    // Only lines of that node changed.
    expect(at).toBeGreaterThanOrEqual(node.firstLine);
    expect(at + removed.length - 1).toBeLessThanOrEqual(node.lastLine);
    expect(parseScenario("<draft>", edited).scenario?.nodes[node.id]?.title).toBe("A new title");
  });

  it("adds a node, lines, choices with effects, points, feedback and conditions: the validator accepts the result", () => {
    let text = SCENARIO_TEMPLATE;
    text = addNode(text, "check-in", "decision");
    // The new node is empty: the same validator says what it needs, on its line.
    const needs = validateScenario("<draft>", text).issues.map((i) => i.message);
    expect(needs.some((m) => /check-in/.test(m))).toBe(true);
    text = setNodeText(text, "check-in", "narration", "Sam looks at the floor.");
    text = setNodeText(text, "check-in", "title", "Checking in");
    text = addLine(text, "check-in", "sam");
    text = setLine(text, "check-in", 0, { text: "Can we just get this over with?" });
    text = addChoice(text, "check-in", "slow-down", "agreement");
    text = setChoiceText(text, "check-in", 0, "text", "Ask Sam what would help him stay.");
    text = setChoiceText(text, "check-in", 0, "feedback", "An open question gives him a say.");
    text = setEffect(text, "check-in", 0, "sam", "trust", 10);
    text = setScore(text, "check-in", 0, "empathy", 2);
    text = addChoice(text, "check-in", "press-on", "agreement");
    text = setChoiceText(text, "check-in", 1, "text", "Tell him it will not take long.");
    text = setChoiceText(text, "check-in", 1, "feedback", "Brushing him off costs trust.");
    text = setEffect(text, "check-in", 1, "sam", "trust", -10);
    text = setTargets(text, "check-in", 1, [
      { if: "sam.trust < 50", goto: "no-agreement" },
      { if: null, goto: "agreement" },
    ]);
    // Both of the opening's choices now lead to the new node, where Sam's trust decides.
    text = setTargets(text, "opening", 0, [{ if: null, goto: "check-in" }]);
    text = setTargets(text, "opening", 1, [{ if: null, goto: "check-in" }]);
    text = setEffect(text, "opening", 1, "sam", "trust", -10);
    const validated = validateScenario("<draft>", text);
    expect(validated.issues.filter((i) => i.severity === "error")).toEqual([]);
    const node = validated.scenario!.nodes["check-in"]!;
    expect(node).toMatchObject({
      title: "Checking in",
      narration: "Sam looks at the floor.",
      lines: [{ speaker: "sam", text: "Can we just get this over with?" }],
    });
    expect(node.choices[0]).toMatchObject({ effects: { sam: { trust: 10 } }, scores: { empathy: 2 } });
    expect(node.choices[1]!.targets.map((t) => [t.source, t.goto])).toEqual([
      ["sam.trust < 50", "no-agreement"],
      [null, "agreement"],
    ]);
    // Effects and scores are written the way the library writes them.
    expect(text).toContain("effects: { sam: { trust: 10 } }");
    expect(text).toContain("scores: { empathy: 2 }");
    expect(text).toContain("effects: { sam: { safety: -20, trust: -10 } }");
    expect(text).toContain("narration: Sam looks at the floor.\n");
  });

  it("removes effects, points, lines, choices and nodes, and says which choices led to a node", () => {
    let text = setEffect(COMMENTED, "opening", 0, "alex", "trust", null);
    expect(text).not.toContain("effects:");
    text = setScore(text, "opening", 1, "safety", null);
    expect(readOutline(text)).toMatchObject({
      ok: true,
      outline: { nodes: [{ choices: [{}, { scores: {} }] }, {}, {}] },
    });
    text = addLine(text, "opening", "alex");
    text = deleteLine(text, "opening", 0);
    expect(text).not.toContain("lines:");
    const outline = readOutline(text);
    if (!outline.ok) throw new Error(outline.message);
    expect(choicesLeadingTo(outline.outline, "agreement")).toEqual(["opening: welcome"]);
    text = deleteChoice(text, "opening", 1);
    expect(text).not.toContain("id: rush");
    const withoutNode = deleteNode(text, "no-agreement");
    expect(withoutNode).not.toContain("no-agreement:");
    expect(
      withoutNode.endsWith("    ending: { outcome: Agreement reached., success: true, debrief: It worked. }\n"),
    ).toBe(true);
  });

  it("sets the start, an ending and a critical error", () => {
    let text = setStart(COMMENTED, "agreement");
    expect(text).toContain("\nstart: agreement\n");
    text = setEnding(text, "no-agreement", { success: true, outcome: "Partly agreed." });
    text = setChoiceText(text, "opening", 1, "critical", "Putting him on trial takes sides.");
    const outline = readOutline(text);
    expect(outline).toMatchObject({
      ok: true,
      outline: {
        start: "agreement",
        nodes: [
          { choices: [{}, { critical: "Putting him on trial takes sides." }] },
          {},
          { ending: { outcome: "Partly agreed.", success: true, debrief: "It did not work." } },
        ],
      },
    });
    // The critical reason sits where the library puts it: before the feedback.
    const rush = text.slice(text.indexOf("id: rush"));
    expect(rush.indexOf("critical:")).toBeLessThan(rush.indexOf("feedback:"));
  });

  it("refuses bad input with a message and changes nothing", () => {
    expect(() => addNode(COMMENTED, "Bad Id", "decision")).toThrow(/lowercase letters/);
    expect(() => addNode(COMMENTED, "opening", "decision")).toThrow(/already a node "opening"/);
    expect(() => addChoice(COMMENTED, "agreement", "more", "opening")).toThrow(/is an ending/);
    expect(() => addChoice(COMMENTED, "opening", "welcome", "opening")).toThrow(/already has a choice "welcome"/);
    expect(() => setNodeText(COMMENTED, "nowhere", "narration", "x")).toThrow(/no node "nowhere"/);
    expect(() => setScore(COMMENTED, "opening", 0, "Charm", 1)).toThrow(/lowercase letters/);
    expect(() => setNodeText("nodes: [", "opening", "narration", "x")).toThrow(/does not parse/);
    expect(readOutline("nodes: [")).toMatchObject({ ok: false });
  });

  it("offers each participant the shared meters, then its own (the scenario's one rule)", () => {
    const outline = readOutline(COMMENTED);
    expect(outline).toMatchObject({
      ok: true,
      outline: {
        participants: [
          {
            id: "alex",
            meters: [
              { id: "trust", label: "trust", shared: true },
              { id: "safety", label: "safety", shared: true },
            ],
          },
          {},
        ],
      },
    });
    const withOwn = COMMENTED.replace(
      /(- id: alex\n)/,
      "$1    meters: [voice, { id: shame, label: sense of shame }]\n",
    );
    expect(withOwn).not.toBe(COMMENTED);
    expect(readOutline(withOwn)).toMatchObject({
      outline: {
        participants: [
          {
            id: "alex",
            meters: [
              { id: "trust" },
              { id: "safety" },
              { id: "voice", label: "voice", shared: false },
              { id: "shame", label: "sense of shame", shared: false },
            ],
            own: [
              { id: "voice", label: null, start: null },
              { id: "shame", label: "sense of shame", start: null },
            ],
          },
          {},
        ],
      },
    });
  });

  it("answers an alias bomb with a message instead of throwing (the page renders on the server)", () => {
    const levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 9; i++)
      levels.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(", ")}]`,
      );
    const bomb = `slug: bomb\n${levels.join("\n")}\nnodes: *i\n`;
    expect(readOutline(bomb)).toMatchObject({ ok: false, message: expect.stringMatching(/alias/i) });
  });

  it("adds two participants with meters of their own and effects on them: the validator accepts the result", () => {
    let text = SCENARIO_TEMPLATE;
    text = addParticipant(text, { id: "maria", name: "Maria", role: "harmed person" });
    text = setParticipantText(text, "maria", "description", "A retired nurse whose home was broken into.");
    text = addParticipant(text, { id: "daniel", name: "Daniel", role: "responsible person" });
    text = setParticipantText(text, "daniel", "description", "A young man who wants this over with.");
    // A new participant starts with every shared meter at 50, in the participant's usual key order.
    expect(text).toContain(
      "  - id: maria\n    name: Maria\n    role: harmed person\n    description: A retired nurse whose home was broken into.\n    initial: { trust: 50, safety: 50 }\n",
    );
    text = addOwnMeter(text, "maria", { id: "security", label: "sense of safety", start: 30 });
    text = addOwnMeter(text, "daniel", { id: "accountability", label: "", start: 20 });
    text = setOwnMeter(text, "daniel", "accountability", { label: "owning what he did" });
    text = setOwnMeter(text, "daniel", "accountability", { start: 25 });
    expect(text).toContain("    meters:\n      - { id: security, label: sense of safety }\n    initial:");
    expect(text).toContain("    initial: { trust: 50, safety: 50, security: 30 }\n");
    expect(text).toContain("    initial: { trust: 50, safety: 50, accountability: 25 }\n");
    text = setEffect(text, "opening", 0, "maria", "security", 10);
    text = setEffect(text, "opening", 1, "daniel", "accountability", -5);
    text = setTargets(text, "opening", 0, [
      { if: "maria.security >= 40", goto: "agreement" },
      { if: null, goto: "no-agreement" },
    ]);
    const validated = validateScenario("<draft>", text);
    expect(validated.issues.filter((i) => i.severity === "error")).toEqual([]);
    const scenario = validated.scenario!;
    expect(scenario.participants.map((p) => [p.id, p.meters])).toEqual([
      ["alex", undefined],
      ["sam", undefined],
      ["maria", [{ id: "security", label: "sense of safety" }]],
      ["daniel", [{ id: "accountability", label: "owning what he did" }]],
    ]);
    expect(scenario.nodes.opening!.choices[0]!.effects).toEqual({
      alex: { trust: 10 },
      sam: { trust: 10 },
      maria: { security: 10 },
    });
    // The outline names each meter as the editor labels it.
    const outline = readOutline(text);
    if (!outline.ok) throw new Error(outline.message);
    expect(outline.outline.participants[2]).toMatchObject({
      id: "maria",
      name: "Maria",
      role: "harmed person",
      meters: [{ id: "trust" }, { id: "safety" }, { id: "security", label: "sense of safety", shared: false }],
      own: [{ id: "security", label: "sense of safety", start: 30 }],
    });
  });

  it("renames a participant in place, keeping folded text and comments of the others", () => {
    const text = library("burglary-dialogue");
    const renamed = setParticipantText(text, "maria", "name", "Maria O.");
    expect(changedLines(text, renamed)).toEqual({
      at: 29,
      removed: ["    name: Maria Okafor"],
      added: ["    name: Maria O."],
    });
    // A structural change rewrites that participant only: her comment stays, the others are byte for byte.
    const withMeter = addOwnMeter(text, "maria", { id: "shame", label: "", start: 10 });
    expect(withMeter).toContain("    # Hers alone: whether she is asking");
    const { at, removed } = changedLines(text, withMeter);
    expect(at).toBeGreaterThanOrEqual(28);
    expect(removed.every((l) => !/^ {2}- id: (?!maria)/.test(l))).toBe(true);
    expect(parseScenario("<draft>", withMeter).scenario?.participants[0]?.meters?.map((m) => m.id)).toEqual([
      "voice",
      "shame",
    ]);
  });

  it("refuses to remove a participant or meter still in use, naming where; removes them once unused", () => {
    expect(() => removeParticipant(COMMENTED, "alex")).toThrow(
      "Alex (alex) is still used: opening: choice welcome changes their meters. Change that first, then remove them.",
    );
    let text = addOwnMeter(COMMENTED, "sam", { id: "shame", label: "sense of shame", start: 40 });
    text = addLine(text, "opening", "sam");
    text = setEffect(text, "opening", 1, "sam", "shame", 10);
    text = setTargets(text, "opening", 0, [
      { if: "sam.shame > 45", goto: "agreement" },
      { if: null, goto: "no-agreement" },
    ]);
    expect(() => removeOwnMeter(text, "sam", "shame")).toThrow(
      "Sam's sense of shame (shame) is still used: opening: choice welcome's condition reads it; opening: choice rush changes it. Change those first, then remove it.",
    );
    expect(() => removeParticipant(text, "sam")).toThrow(/opening: line 1 is theirs/);
    text = setTargets(text, "opening", 0, [{ if: null, goto: "agreement" }]);
    text = setEffect(text, "opening", 1, "sam", "shame", null);
    text = removeOwnMeter(text, "sam", "shame");
    expect(text).not.toContain("shame");
    expect(text).toContain(
      "  - id: sam\n    name: Sam\n    role: responsible person\n    description: Who they are.\n    initial: { trust: 50, safety: 50 }\n",
    );
    text = deleteLine(text, "opening", 0);
    text = removeParticipant(text, "sam");
    expect(text).not.toContain("id: sam");
    expect(text).toContain("    initial: { trust: 50, safety: 50 }\nstart: opening\n");
  });

  it("refuses bad participants and meters with a message", () => {
    expect(() => addParticipant(COMMENTED, { id: "Maria", name: "Maria", role: "x" })).toThrow(/lowercase letters/);
    expect(() => addParticipant(COMMENTED, { id: "alex", name: "Alex", role: "x" })).toThrow(
      /already a participant "alex"/,
    );
    expect(() => addOwnMeter(COMMENTED, "alex", { id: "trust", label: "", start: 50 })).toThrow(
      /Alex already has a meter "trust"/,
    );
    expect(() => addOwnMeter(COMMENTED, "alex", { id: "voice", label: "", start: 101 })).toThrow(/from 0 to 100/);
    expect(() => addOwnMeter(COMMENTED, "nobody", { id: "voice", label: "", start: 1 })).toThrow(
      /no participant "nobody"/,
    );
    expect(() => removeOwnMeter(COMMENTED, "alex", "trust")).toThrow(/shared meter/);
  });

  it("writes a portrait and an illustration with their alt text", () => {
    let text = setPortrait(COMMENTED, "sam", `sha256-${"a".repeat(64)}`, "Sam, looking away");
    expect(text).toContain(
      `    initial: { trust: 50, safety: 50 }\n    portrait: sha256-${"a".repeat(64)}\n    portraitAlt: Sam, looking away\nstart:`,
    );
    text = setNodeImage(text, "agreement", `sha256-${"b".repeat(64)}`, "Two chairs");
    expect(validateScenario("<draft>", text).issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(parseScenario("<draft>", text).scenario?.nodes.agreement?.image).toEqual({
      ref: `sha256-${"b".repeat(64)}`,
      alt: "Two chairs",
    });
  });
});
