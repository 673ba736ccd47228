// The debrief's "what to work on": critical errors first, then the weakest competencies, each tied to a choice.
import { describe, expect, it } from "vitest";
import { thingsToWorkOn } from "../../app/scenarios/debrief-summary";
import type { Debrief, DebriefStep } from "../../app/scenarios/views";

const step = (
  position: number,
  text: string,
  scores: DebriefStep["choice"]["scores"],
  critical: string | null = null,
): DebriefStep => ({
  position,
  nodeId: `n${position}`,
  narration: "",
  best: null,
  metersBefore: {},
  metersAfter: {},
  choice: { id: `c${position}`, text, feedback: "", critical, scores },
});

function debrief(steps: DebriefStep[], competencyScores: Debrief["result"]["competencyScores"]): Debrief {
  return {
    result: { endingId: "end", success: true, score: 60, passed: false, competencyScores, criticalErrors: [] },
    ending: { outcome: "", debrief: "", success: true },
    steps,
    modelPath: null,
    meterStart: {},
    meterEnd: {},
    passMark: 70,
    competencies: ["neutrality", "empathy", "safety", "process"],
  };
}

describe("things to work on", () => {
  it("puts a critical error first, then the lowest competencies, and stops at three", () => {
    const d = debrief(
      [
        step(0, "Tell him to apologize now", { empathy: -2 }, "Pressing for an apology shames him"),
        step(1, "Ask her what she needs", { empathy: 2, process: -1 }),
        step(2, "Move on", { safety: -1 }),
      ],
      { neutrality: 90, empathy: 40, safety: 55, process: 70 },
    );
    const points = thingsToWorkOn(d);
    expect(points.map((p) => p.title)).toEqual(["Pressing for an apology shames him", "Empathy (40%)", "Safety (55%)"]);
    expect(points[0]!.detail).toBe(
      "At step 1, you chose “Tell him to apologize now”. A critical error fails the attempt whatever the score.",
    );
    expect(points[1]!.detail).toBe("Most points were lost at step 1, where you chose “Tell him to apologize now”.");
    expect(points[2]!.detail).toContain("step 3");
  });

  it("speaks of the officer when a supervisor reads it, and says so when no choice lost points", () => {
    const points = thingsToWorkOn(
      debrief([step(0, "Wait", {})], { neutrality: 100, empathy: 100, safety: 100, process: 50 }),
      "the officer",
    );
    expect(points).toEqual([
      {
        kind: "competency",
        title: "Process (50%)",
        detail: "No choice lost points here, but few earned them: look for the moves that build it.",
      },
    ]);
    const critical = thingsToWorkOn(
      debrief([step(0, "Wait", {}, "Unsafe")], { neutrality: 100, empathy: 100, safety: 100, process: 100 }),
      "the officer",
    );
    expect(critical[0]!.detail).toContain("the officer chose “Wait”");
  });

  it("has nothing to add when every competency is strong and nothing was critical", () => {
    expect(
      thingsToWorkOn(
        debrief([step(0, "Listen", { empathy: 2 })], { neutrality: 80, empathy: 95, safety: 100, process: 85 }),
      ),
    ).toEqual([]);
  });
});
