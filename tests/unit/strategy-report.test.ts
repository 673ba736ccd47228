// The cue and strategy report on small fixtures whose answers were worked out by hand (see each fixture's
// summary), so the report cannot drift silently.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { strategySeverity } from "../../app/content/strategy-policy";
import { checkContent } from "../../app/content-pipeline/check.server";
import { analyzeScenario } from "../../app/scenarios/analyze";
import { parseScenario } from "../../app/scenarios/parse";
import { strategyChecks, strategyReport } from "../../app/scenarios/strategy";
import { validateScenario } from "../../app/scenarios/validate";

const file = (name: string) => `tests/fixtures/scenarios/${name}.yaml`;
function validated(name: string, severity: "error" | "warning" | null = null) {
  return validateScenario(file(name), fs.readFileSync(file(name), "utf8"), severity);
}
function reportOf(name: string) {
  const result = validated(name);
  expect(result.issues.filter((i) => i.severity === "error")).toEqual([]);
  return result.strategy!.report;
}
const missed = (name: string) =>
  strategyChecks(reportOf(name))
    .filter((c) => !c.ok)
    .map((c) => c.label);

describe("strategy report: surface strategies", () => {
  it("always-longest passes where the best choice is always the longest; first, last and shortest do not", () => {
    const r = reportOf("strategy-longest-passes");
    expect(r.strategies.longest).toEqual({
      passed: true,
      score: 100,
      endingId: "agreement",
      criticalErrors: 0,
      choices: 2,
    });
    expect(r.strategies.shortest).toMatchObject({ passed: false, score: 0, endingId: "no-agreement" });
    // first: prepare (+2), then move-on (0) to the failed ending; last: rush (-1), then listen (+2): 1 of 4 points
    expect(r.strategies.first).toMatchObject({ passed: false, score: 50, endingId: "no-agreement" });
    expect(r.strategies.last).toMatchObject({ passed: false, score: 25, endingId: "agreement" });
    expect(r.strategies.greedy).toMatchObject({ passed: true, score: 100 });
    expect(missed("strategy-longest-passes")).toContain("always the longest option fails");
  });

  it("computes random play exactly: four equally likely paths, one passes", () => {
    expect(reportOf("strategy-longest-passes").random).toEqual({ passProbability: 0.25, method: "exact" });
  });

  it("drops the plays with a critical error from random play: one in six passes, not two", () => {
    // 2 × 3 equally likely plays; explain + reflect scores 4 of 4; explain + promise also scores 4 but is critical.
    const r = reportOf("strategy-converging");
    expect(r.random.method).toBe("exact");
    expect(r.random.passProbability).toBeCloseTo(1 / 6, 12);
    expect(r.strategies.greedy).toMatchObject({ passed: true, score: 100 });
    expect(r.strategies.last).toMatchObject({ passed: false, score: 50, criticalErrors: 1 });
  });

  it("solves random play through a loop: 1/3 × 2/3 × 1/2 = 1/9 for the valid fixture", () => {
    // welcome: ground rules (1/3) is the only opening that can lead to agreement; story ↔ pause loops, and
    // story is left for impact with probability p = 1/2 + p/4, so 2/3; at impact, acknowledge (1/2) passes.
    const r = reportOf("valid-small");
    expect(r.random.method).toBe("exact");
    expect(r.random.passProbability).toBeCloseTo(1 / 9, 12);
  });

  it("samples random play with a fixed seed when the state space is too large to solve, the same each time", () => {
    const text = fs.readFileSync(file("valid-small"), "utf8");
    const scenario = parseScenario(file("valid-small"), text).scenario!;
    const analysis = analyzeScenario(scenario);
    const sampled = () => strategyReport(scenario, analysis, undefined, { exactRandomCellLimit: 0 })!.random;
    const once = sampled();
    expect(once).toMatchObject({ method: "monte-carlo", samples: 20_000, seed: 12_345 });
    expect(Math.abs(once.passProbability - 1 / 9)).toBeLessThan(0.01);
    expect(sampled()).toEqual(once);
  });
});

describe("strategy report: cues and judgement", () => {
  it("measures how often the best choice is the longest, and by how much", () => {
    const r = reportOf("strategy-longest-passes");
    const prepare = "Explain how the meeting will run and check that each person is ready to begin.".length;
    const listen = "Ask Ana what the last weeks have been like for her, and reflect back what you hear.".length;
    expect(r.bestIsLongest).toEqual({ count: 2, share: 1, nodes: ["welcome", "story"] });
    expect(r.meanLengthRatio).toBeCloseTo((prepare / "Start now.".length + listen / "Move on.".length) / 2, 12);
    expect(r.twoDefensible).toEqual({ count: 0, share: 0 });
    const converging = reportOf("strategy-converging");
    expect(converging.bestIsLongest.count).toBe(0);
    // explain 20 against chat 23; reflect 22 against the mean of nod 13 and promise 30
    expect(converging.meanLengthRatio).toBeCloseTo((20 / 23 + 22 / 21.5) / 2, 12);
  });

  it("finds where greedy is wrong: the quick opening scores more now and loses the agreement later", () => {
    const r = reportOf("strategy-greedy-wrong");
    expect(r.greedyWrong).toEqual({ count: 1, examples: [{ nodeId: "opening", greedy: "quick", better: "slow" }] });
    expect(r.strategies.greedy).toMatchObject({ passed: false, score: 100, endingId: "no-agreement" });
    // quick (+2) and slow (+1) are both defensible at the opening; at the proposal only one is
    expect(r.twoDefensible).toEqual({ count: 1, share: 0.5 });
    expect(r.random).toEqual({ passProbability: 0.25, method: "exact" });
  });

  it("counts a condition as a delayed consequence only when the meter it reads was set two or more decisions earlier", () => {
    // Same opening and proposal; in the greedy fixture the proposal comes right after the opening.
    expect(reportOf("strategy-greedy-wrong").delayedConsequences.count).toBe(0);
    const r = reportOf("strategy-delayed");
    expect(r.delayedConsequences).toEqual({
      count: 1,
      items: [{ nodeId: "proposal", choiceId: "propose", condition: "ana.trust >= 50", goto: "agreement" }],
    });
    expect(r.greedyWrong.count).toBe(1);
    // slow, invite-ben, propose is the only passing play: 4 of 5 points; slow, skip-ben, propose scores 60%
    expect(r.random.passProbability).toBeCloseTo(1 / 8, 12);
  });

  it("counts decisions whose choices all lead to the same next node", () => {
    expect(reportOf("strategy-converging").converging).toEqual({ count: 2, share: 1, nodes: ["opening", "middle"] });
    expect(reportOf("strategy-greedy-wrong").converging).toEqual({ count: 1, share: 0.5, nodes: ["opening"] });
    expect(reportOf("valid-small").converging.count).toBe(0);
  });
});

describe("strategy report: thresholds", () => {
  it("lists every missed threshold, pointing at the slug or the first converging node", () => {
    const checks = validated("strategy-converging").strategy!.checks.filter((c) => !c.ok);
    expect(checks.map((c) => [c.label, c.line])).toEqual([
      ["always the first option fails", 1],
      ["random play passes", 1],
      ["decisions with two defensible choices", 1],
      ["decisions where greedy is wrong", 1],
      ["delayed consequences", 1],
      ["decisions that converge", 22],
    ]);
  });

  it("reports missed thresholds as warnings in drafts", () => {
    const issues = validated("strategy-longest-passes", "warning").issues.filter((i) =>
      i.message.startsWith("strategy report:"),
    );
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.every((i) => i.severity === "warning")).toBe(true);
  });

  it("makes missed thresholds errors with file and line for library scenarios once enforced, warnings otherwise", async () => {
    const target = [file("strategy-longest-passes")];
    const libraryDir = "tests/fixtures/scenarios";
    const enforced = await checkContent(target, { enforceStrategy: true, libraryDir });
    const errors = enforced.issues
      .filter((i) => i.severity === "error")
      .map((i) => `${i.file}:${i.line}: ${i.message}`);
    expect(errors).toContain(
      "tests/fixtures/scenarios/strategy-longest-passes.yaml:1: strategy report: choosing always the longest option passes (100%): the text gives the answers away",
    );
    expect(errors).toContainEqual(
      expect.stringMatching(
        /^tests\/fixtures\/scenarios\/strategy-longest-passes\.yaml:22: strategy report: 1 of 2 decisions lead to the same next node/,
      ),
    );
    expect(enforced.lines).toContainEqual(
      expect.stringMatching(/strategies: longest PASS 100%; .* random pass 25\.00% \(exact\)/),
    );
    const notEnforced = await checkContent(target, { enforceStrategy: false, libraryDir });
    expect(notEnforced.issues.filter((i) => i.severity === "error")).toEqual([]);
    const notLibrary = await checkContent(target, { enforceStrategy: true, libraryDir: "content/scenarios" });
    expect(notLibrary.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(notLibrary.issues.filter((i) => i.message.startsWith("strategy report:")).length).toBe(errors.length);
  });

  it("decides severity in one place: errors only for the library with enforcement on", () => {
    expect([strategySeverity(true, true), strategySeverity(true, false), strategySeverity(false, true)]).toEqual([
      "error",
      "warning",
      "warning",
    ]);
  });
});
