// The participant strip's figures: "Step n of about m" from the graph, and what a choice changed, by name.
import { describe, expect, it } from "vitest";
import {
  decisionsToEnd,
  describeChanges,
  meterChanges,
  participantShortNames,
  possessive,
  signed,
  stepEstimate,
} from "../../app/scenarios/progress";
import { shownParticipants, type Choice, type Scenario, type ScenarioNodeData } from "../../app/scenarios/scenario";
import { byLevel, scenarioTags } from "../../app/scenarios/tags";

const choice = (id: string, goto: string): Choice => ({
  id,
  text: id,
  effects: {},
  scores: {},
  critical: null,
  feedback: "",
  targets: [{ condition: null, source: null, goto }],
});
const decision = (id: string, ...gotos: string[]): ScenarioNodeData => ({
  id,
  narration: id,
  lines: [],
  choices: gotos.map((g, i) => choice(`${id}-${i}`, g)),
  ending: null,
});
const ending = (id: string, success: boolean): ScenarioNodeData => ({
  id,
  narration: id,
  lines: [],
  choices: [],
  ending: { outcome: id, success, debrief: id },
});

// start → a → b → good (three decisions on the direct path); start → detour → a; a → bad (a short failure).
function scenario(nodes: ScenarioNodeData[]): Scenario {
  return {
    slug: "s",
    title: "S",
    summary: "",
    setting: "",
    estimatedMinutes: 5,
    passMark: 50,
    competencies: ["empathy"],
    contentNotes: [],
    meters: ["trust", "safety"],
    participants: [
      { id: "maria", name: "Maria Okafor", role: "harmed person", description: "", initial: { trust: 50, safety: 50 } },
      { id: "ray", name: "Sgt. Ray Whitcomb", role: "officer", description: "", initial: { trust: 50, safety: 50 } },
    ],
    start: "start",
    nodes: Object.fromEntries(nodes.map((n) => [n.id, n])),
  };
}
const graph = scenario([
  decision("start", "a", "detour"),
  decision("detour", "a"),
  decision("a", "b", "bad"),
  decision("b", "good"),
  ending("good", true),
  ending("bad", false),
]);

describe("step estimate", () => {
  it("counts the fewest decisions to a successful ending, not to the nearest ending", () => {
    const d = decisionsToEnd(graph);
    expect(d.get("start")).toBe(3);
    expect(d.get("a")).toBe(2);
    expect(d.get("good")).toBe(0);
  });

  it("stays the same along the direct path and grows after a detour", () => {
    expect(stepEstimate(graph, "start", 0)).toEqual({ step: 1, total: 3 });
    expect(stepEstimate(graph, "a", 1)).toEqual({ step: 2, total: 3 });
    expect(stepEstimate(graph, "b", 2)).toEqual({ step: 3, total: 3 });
    expect(stepEstimate(graph, "detour", 1)).toEqual({ step: 2, total: 4 });
  });

  it("falls back to any ending when no success can be reached, and never says fewer steps than taken", () => {
    const hopeless = scenario([decision("start", "a", "a"), decision("a", "bad", "bad"), ending("bad", false)]);
    expect(stepEstimate(hopeless, "start", 0)).toEqual({ step: 1, total: 2 });
    expect(stepEstimate(hopeless, "bad", 2)).toEqual({ step: 2, total: 2 });
  });
});

describe("meter changes", () => {
  it("names each change with its participant's first name, without titles, in the scenario's order", () => {
    const changes = meterChanges(
      shownParticipants(graph),
      { maria: { trust: 50, safety: 50 }, ray: { trust: 50, safety: 50 } },
      { maria: { trust: 40, safety: 50 }, ray: { trust: 55, safety: 50 } },
    );
    expect(changes.map((c) => [c.label, c.delta])).toEqual([
      ["Maria's trust", -10],
      ["Ray's trust", 5],
    ]);
    expect(describeChanges(changes)).toBe("Maria's trust fell by 10 to 40; Ray's trust rose by 5 to 55.");
    expect(describeChanges([])).toBe("No one's state changed.");
  });

  it("uses the full name when two participants share a first name", () => {
    const names = participantShortNames([
      { id: "a", name: "Devon Mills" },
      { id: "b", name: "Devon Pruitt" },
      { id: "c", name: 'Jessica "Jess" Marino' },
    ]);
    expect([...names.values()]).toEqual(["Devon Mills", "Devon Pruitt", "Jessica"]);
    expect(possessive("James")).toBe("James'");
  });

  it("signs changes with a true minus sign so they read without colour", () => {
    expect([signed(5), signed(-10), signed(0)]).toEqual(["+5", "−10", "0"]);
  });
});

describe("role-play tags from the programs", () => {
  const program = (level: number, pools: string[][]) =>
    ({
      level,
      requirements: { scenarios: pools.map((pool) => ({ skill: "s", pool, minScore: 80, competencyMinimums: {} })) },
    }) as unknown as Parameters<typeof scenarioTags>[0][number];
  const tags = scenarioTags([program(2, [["hard", "shared"]]), program(1, [["easy"], ["shared"]])]);

  it("tags each scenario with every program that asks for it, and its lowest level", () => {
    expect(tags.get("shared")).toEqual({ level: 1, requiredFor: ["Level 1 certification", "Level 2 certification"] });
    expect(tags.get("hard")).toEqual({ level: 2, requiredFor: ["Level 2 certification"] });
    expect(tags.get("free")).toBeUndefined();
  });

  it("orders Level 1 scenarios first, then Level 2, then the rest, each by title", () => {
    const items = [
      { slug: "free", title: "A" },
      { slug: "hard", title: "B" },
      { slug: "shared", title: "Z" },
      { slug: "easy", title: "Y" },
    ];
    expect(byLevel(items, tags).map((i) => i.slug)).toEqual(["easy", "shared", "hard", "free"]);
  });
});
