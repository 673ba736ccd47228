// The analyzer's output for every scenario we ship or test with, pinned before analyzeScenario was split into
// phases (tests/fixtures/analysis-golden.json): a refactor of the analyzer must not change a single problem,
// score or path. Only an intended change of the analysis regenerates it:
// `npx tsx tests/support/analysis-corpus.ts > tests/fixtures/analysis-golden.json`.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analysisOfEveryScenario } from "../support/analysis-corpus";

const golden = JSON.parse(readFileSync("tests/fixtures/analysis-golden.json", "utf8")) as Record<string, unknown>;

describe("analyzeScenario, before and after the phase split", () => {
  const now = analysisOfEveryScenario();
  it("covers the shipped scenarios and the fixtures", () => {
    expect(Object.keys(now).sort()).toEqual(Object.keys(golden).sort());
    expect(Object.keys(now).length).toBeGreaterThan(15);
  });
  for (const file of Object.keys(golden)) {
    it(`gives the same analysis for ${file}`, () => {
      expect(now[file]).toEqual(golden[file]);
    });
  }
});
