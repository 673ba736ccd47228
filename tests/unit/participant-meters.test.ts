// Meters a participant has of its own (the harmed person's sense of voice, the responsible person's shame), beside
// the shared ones: the format, `metersOf`, the validator's messages with their lines, and play through the engine.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { exploreStates, stateKeyFor } from "../../app/scenarios/analyze";
import { initialState, replay } from "../../app/scenarios/engine";
import { parseScenario } from "../../app/scenarios/parse";
import { meterChanges } from "../../app/scenarios/progress";
import { metersOf, shownParticipants, type Scenario } from "../../app/scenarios/scenario";
import { validateScenario } from "../../app/scenarios/validate";
import { playerView } from "../../app/scenarios/views";
import { meterOutcomes } from "../../app/studio/meter-outcomes";

const FILE = "tests/fixtures/scenarios/valid-small.yaml";
const small = readFileSync(FILE, "utf8");

/** valid-small with Ana's own `voice` (labelled) and Ben's own `shame`, moved by choices and read by a condition. */
const withOwnMeters = small
  .replace(
    "    description: Wants to be heard.\n    initial: { trust: 50, safety: 50 }",
    "    description: Wants to be heard.\n    meters: [{ id: voice, label: sense of voice }]\n    initial: { trust: 50, safety: 50, voice: 30 }",
  )
  .replace(
    "    description: Nervous.\n    initial: { trust: 50, safety: 60 }",
    "    description: Nervous.\n    meters: [shame]\n    initial: { trust: 50, safety: 60, shame: 60 }",
  )
  .replace(
    "effects: { ana: { trust: 10 }, ben: { trust: 10 } }",
    "effects: { ana: { trust: 10, voice: 10 }, ben: { trust: 10, shame: -10 } }",
  )
  .replace("effects: { ana: { trust: 15 } }", "effects: { ana: { trust: 15, voice: 10 } }")
  .replace("- if: ana.trust >= 60", "- if: ana.trust >= 60 and ana.voice >= 50");

function variant(from: string, to: string, text = withOwnMeters): string {
  if (!text.includes(from)) throw new Error(`test setup: "${from}" is not in the scenario`);
  return text.replace(from, to);
}

function lineOf(text: string, snippet: string): number {
  return text.slice(0, text.indexOf(snippet)).split("\n").length;
}

function errorsOf(text: string): string[] {
  return parseScenario(FILE, text)
    .issues.filter((i) => i.severity === "error")
    .map((i) => `${i.line}: ${i.message}`);
}

function parsed(text = withOwnMeters): Scenario {
  const result = parseScenario(FILE, text);
  expect(result.issues.filter((i) => i.severity === "error")).toEqual([]);
  return result.scenario!;
}

describe("a participant's own meters", () => {
  it("are the shared meters then the participant's own, each with the label the player shows", () => {
    const scenario = parsed();
    expect(metersOf(scenario, "ana")).toEqual([
      { id: "trust", label: "trust", shared: true },
      { id: "safety", label: "safety", shared: true },
      { id: "voice", label: "sense of voice", shared: false },
    ]);
    expect(metersOf(scenario, "ben").map((m) => `${m.id}/${m.label}`)).toEqual([
      "trust/trust",
      "safety/safety",
      "shame/shame",
    ]);
    expect(metersOf(scenario, "nobody")).toEqual([]);
  });

  it("leave a scenario without them exactly as it was: only the shared meters", () => {
    const scenario = parsed(small);
    expect(metersOf(scenario, "ana").map((m) => m.id)).toEqual(["trust", "safety"]);
    expect(scenario.participants[0]).not.toHaveProperty("meters");
  });

  it("start from their initial values, move with effects and steer play through conditions", () => {
    const scenario = parsed();
    expect(initialState(scenario).meters).toEqual({
      ana: { trust: 50, safety: 50, voice: 30 },
      ben: { trust: 50, safety: 60, shame: 60 },
    });
    const heard = replay(scenario, ["ground-rules", "gentle", "acknowledge"]);
    expect(heard.ok && heard.state.nodeId).toBe("agreement");
    expect(heard.state.meters.ana).toEqual({ trust: 75, safety: 50, voice: 50 });
    expect(heard.state.meters.ben).toEqual({ trust: 70, safety: 60, shame: 50 });
    // Ana's trust is high enough without the ground rules, but she has not had her say: no agreement.
    const rushed = variant(
      "effects: { ana: { trust: -10 }, ben: { safety: -20 } }",
      "effects: { ben: { safety: -20 } }",
    );
    const unheard = replay(parsed(rushed), ["straight-in", "gentle", "acknowledge"]);
    expect(unheard.state.meters.ana).toEqual({ trust: 65, safety: 50, voice: 40 });
    expect(unheard.state.nodeId).toBe("no-agreement");
  });

  it("are explored as states when a condition reads them, and the scenario still validates", () => {
    const scenario = parsed();
    expect(stateKeyFor(scenario)("impact", initialState(scenario).meters)).toBe("impact|50,30");
    const graph = exploreStates(scenario);
    expect(graph.overflow).toBe(false);
    const result = validateScenario(FILE, withOwnMeters);
    expect(result.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(result.analysis!.modelPath.map((s) => s.choiceId)).toEqual(["ground-rules", "gentle", "acknowledge"]);
    expect(result.analysis!.canPass && result.analysis!.canFail).toBe(true);
  });
});

describe("what the player says about a participant's own meters", () => {
  it("names each change with the participant and the meter's label, in the order of its meters", () => {
    const view = playerView(parsed(), ["ground-rules"]);
    expect(view.changes.map((c) => `${c.label} ${c.before}→${c.after}`)).toEqual([
      "Ana's trust 50→60",
      "Ana's sense of voice 30→40",
      "Ben's trust 50→60",
      "Ben's shame 60→50",
    ]);
  });

  it("never reports a meter for a participant that does not have it", () => {
    const scenario = parsed();
    const changes = meterChanges(
      shownParticipants(scenario),
      { ana: { voice: 30 }, ben: { shame: 60 } },
      { ana: { voice: 30, shame: 10 }, ben: { shame: 60, voice: 10 } },
    );
    expect(changes).toEqual([]);
  });
});

describe("the studio's analytics of a participant's own meters", () => {
  it("averages where each meter ends, leaving out attempts on a version that did not have it", () => {
    const now = parsed();
    const before = parsed(small);
    const outcomes = meterOutcomes(now, [
      { scenario: now, choices: ["ground-rules", "gentle", "acknowledge"] },
      { scenario: now, choices: ["straight-in", "gentle", "minimise"] },
      { scenario: before, choices: ["ground-rules", "gentle", "acknowledge"] },
    ]);
    const of = (id: string) => outcomes.find((o) => `${o.participantId}.${o.meterId}` === id);
    expect(of("ana.voice")).toMatchObject({ label: "sense of voice", shared: false, start: 30, attempts: 2 });
    // 50 after being heard; 30 + 0 after the rushed start and a minimising answer.
    expect(of("ana.voice")).toMatchObject({ averageEnd: 40, endedLower: 0 });
    // Trust, shared, counts all three: (75 + 20 + 75) / 3.
    expect(of("ana.trust")).toMatchObject({ shared: true, attempts: 3, averageEnd: 56.7 });
    expect(of("ben.shame")).toMatchObject({ attempts: 2, averageEnd: 55, endedLower: 50 });
    expect(outcomes.map((o) => `${o.participantId}.${o.meterId}`)).toEqual([
      "ana.trust",
      "ana.safety",
      "ana.voice",
      "ben.trust",
      "ben.safety",
      "ben.shame",
    ]);
  });
});

describe("the validator on a participant's own meters", () => {
  it("refuses an effect on a meter that participant does not have, at its line", () => {
    const text = variant("ben: { trust: 10, shame: -10 }", "ben: { trust: 10, voice: 5 }");
    expect(errorsOf(text)).toEqual([
      `${lineOf(text, "ben: { trust: 10, voice: 5 }")}: unknown meter "voice" for participant "ben" (ben's meters: trust, safety, shame)`,
    ]);
  });

  it("refuses a condition on a meter that participant does not have", () => {
    const text = variant("ana.voice >= 50", "ben.voice >= 50");
    expect(errorsOf(text)).toEqual([
      `${lineOf(text, "ben.voice >= 50")}: unknown meter "voice" for participant "ben" (ben's meters: trust, safety, shame) in condition`,
    ]);
  });

  it("asks for an initial value for each of a participant's meters, and for no other", () => {
    const missing = variant("{ trust: 50, safety: 50, voice: 30 }", "{ trust: 50, safety: 50 }");
    expect(errorsOf(missing)).toEqual([
      `${lineOf(missing, "initial: { trust: 50, safety: 50 }")}: participant "ana" has no initial voice`,
    ]);
    const foreign = variant("{ trust: 50, safety: 60, shame: 60 }", "{ trust: 50, safety: 60, shame: 60, voice: 10 }");
    expect(errorsOf(foreign)).toEqual([
      `${lineOf(foreign, "voice: 10 }")}: "voice" is not one of ben's meters (trust, safety, shame)`,
    ]);
  });

  it("refuses a name used twice: a shared meter, a participant's own twice, or a shared one again as its own", () => {
    const shared = variant("meters: [trust, safety]", "meters: [trust, safety, trust]");
    expect(errorsOf(shared)).toContainEqual(
      `${lineOf(shared, "meters: [trust, safety, trust]")}: meter "trust" is declared twice`,
    );
    const twice = variant("meters: [shame]", "meters: [shame, shame]");
    expect(errorsOf(twice)).toEqual([
      `${lineOf(twice, "meters: [shame, shame]")}: participant "ben" declares the meter "shame" twice`,
    ]);
    const again = variant("meters: [shame]", "meters: [shame, safety]");
    expect(errorsOf(again)).toEqual([
      `${lineOf(again, "meters: [shame, safety]")}: "safety" is a shared meter already: every participant has it`,
    ]);
  });

  it("refuses labels the player could not tell apart, and labels too long to show", () => {
    const clash = variant("meters: [shame]", "meters: [shame, { id: regret, label: Shame }]").replace(
      "shame: 60 }",
      "shame: 60, regret: 50 }",
    );
    expect(errorsOf(clash)).toEqual([
      `${lineOf(clash, "meters: [shame, {")}: the label "Shame" also names ben's meter "shame": the player could not tell them apart`,
    ]);
    const long = variant("label: sense of voice", `label: ${"a very long label ".repeat(3)}`);
    expect(errorsOf(long)).toEqual([
      expect.stringMatching(
        new RegExp(`^${lineOf(long, "label: a very")}: participants.0.meters.0.label: a meter label has at most 40`),
      ),
    ]);
  });

  it("counts the shared meters in a participant's limit of four", () => {
    const text = variant("meters: [shame]", "meters: [shame, regret, hope]").replace(
      "shame: 60 }",
      "shame: 60, regret: 50, hope: 50 }",
    );
    expect(errorsOf(text)).toEqual([
      `${lineOf(text, "meters: [shame, regret, hope]")}: participant "ben" has 5 meters with the shared ones; at most 4: each one multiplies the states to check`,
    ]);
  });

  it("accepts a scenario whose meters are all participants' own, and refuses one with none at all", () => {
    const ownOnly = withOwnMeters
      .replace("meters: [trust, safety]\n", "")
      .replace("{ trust: 50, safety: 50, voice: 30 }", "{ voice: 30 }")
      .replace("{ trust: 50, safety: 60, shame: 60 }", "{ shame: 60 }")
      .replace("{ ana: { trust: 10, voice: 10 }, ben: { trust: 10, shame: -10 } }", "{ ana: { voice: 10 } }")
      .replace("effects: { ana: { trust: -10 }, ben: { safety: -20 } }", "effects: { ben: { shame: 20 } }")
      .replace("effects: { ben: { safety: -40, trust: -30 } }", "effects: { ben: { shame: 30 } }")
      .replace("effects: { ana: { trust: 15, voice: 10 } }", "effects: { ana: { voice: 10 } }")
      .replace("effects: { ben: { trust: 10 } }", "effects: { ben: { shame: -10 } }")
      .replace("ana.trust >= 60 and ana.voice >= 50", "ana.voice >= 50")
      .replace("effects: { ana: { trust: -20 } }", "effects: { ana: { voice: -20 } }");
    expect(metersOf(parsed(ownOnly), "ana").map((m) => m.id)).toEqual(["voice"]);
    const none = ownOnly
      .replace("    meters: [{ id: voice, label: sense of voice }]\n", "")
      .replace("    meters: [shame]\n", "");
    expect(errorsOf(none)).toContainEqual(
      `1: declare at least one meter: shared under \`meters\`, or a participant's own`,
    );
  });
});
