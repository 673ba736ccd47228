import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { validateScenario } from "../../app/scenarios/validate";

const dir = path.resolve("tests/fixtures/scenarios");
function check(name: string) {
  const file = `tests/fixtures/scenarios/${name}.yaml`;
  return validateScenario(file, fs.readFileSync(path.join(dir, `${name}.yaml`), "utf8"));
}
function errors(name: string) {
  return check(name)
    .issues.filter((i) => i.severity === "error")
    .map((i) => `${i.line}: ${i.message}`);
}

describe("scenario validator", () => {
  it("accepts the valid fixture and reports its score range, a passing and a failing path", () => {
    const result = check("valid-small");
    expect(result.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(result.analysis!.total).toEqual({ min: -3, max: 9 });
    expect(result.analysis!.byCompetency.empathy).toEqual({ min: 0, max: 5 });
    expect(result.analysis!.canPass).toBe(true);
    expect(result.analysis!.canFail).toBe(true);
    expect(result.analysis!.modelPath.map((s) => s.choiceId)).toEqual(["ground-rules", "gentle", "acknowledge"]);
  });

  it("reports a YAML syntax error with its line", () => {
    expect(errors("fault-yaml")).toEqual([expect.stringMatching(/^3: .*Flow sequence/)]);
  });

  it("reports schema errors at the offending lines: wrong type, missing field, unknown field", () => {
    expect(errors("fault-schema")).toEqual([
      "6: passMark: Expected number, received string",
      "29: nodes.welcome.choices.0.feedback: is required but missing",
      '33: nodes.welcome.choices.0.feedbak: unknown field "feedbak"',
    ]);
  });

  it("reports an unknown target", () => {
    expect(errors("fault-unknown-target")).toEqual(['59: choice "gentle" leads to unknown node "impakt"']);
  });

  it("reports a node unreachable from the start", () => {
    expect(errors("fault-unreachable")).toEqual([expect.stringMatching(/^\d+: node "orphan" is unreachable/)]);
  });

  it("reports a dead end", () => {
    expect(errors("fault-dead-end")).toEqual([expect.stringMatching(/^\d+: nodes.pause: dead end/)]);
  });

  it("reports a loop with no way out, found by exploring states", () => {
    const found = errors("fault-trap");
    expect(found).toContainEqual(expect.stringMatching(/loop with no way out: from node "story"/));
    expect(found).toContainEqual(expect.stringMatching(/loop with no way out: from node "pause"/));
  });

  it("reports a condition that can never hold, and the ending it cuts off", () => {
    const found = errors("fault-condition");
    expect(found).toContainEqual(expect.stringMatching(/condition "ana.trust > 100" never holds/));
    expect(found).toContainEqual(expect.stringMatching(/ending "agreement" is never reached in play/));
  });

  it("reports a scenario no path can pass, with the best score against the pass mark", () => {
    expect(errors("fault-no-pass")).toContainEqual(
      expect.stringMatching(/no path passes: the best passing path scores 75% against a pass mark of 100%/),
    );
  });

  it("reports a scenario no path can fail", () => {
    expect(errors("fault-no-fail")).toEqual([expect.stringMatching(/^6: no path fails/)]);
  });

  it("reports a loop that would let the score grow without end", () => {
    expect(errors("fault-score-loop")).toEqual([expect.stringMatching(/choice "resume" is part of a loop/)]);
  });
});
