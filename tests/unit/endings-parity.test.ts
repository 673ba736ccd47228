// Every existing scenario plays to each of its endings exactly as it did before participants could declare
// meters of their own (tests/fixtures/endings-golden.json): the same choices reach the same node with the same
// meters, points, critical errors and result. Only an intended change of a scenario regenerates it:
// `npx tsx tests/support/endings-corpus.ts > tests/fixtures/endings-golden.json`.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { endingsOfEveryScenario } from "../support/endings-corpus";

const golden = JSON.parse(readFileSync("tests/fixtures/endings-golden.json", "utf8")) as Record<string, unknown>;

describe("every scenario's endings, replayed", () => {
  const now = endingsOfEveryScenario();
  it("covers the shipped scenarios and the fixtures", () => {
    expect(Object.keys(now).sort()).toEqual(Object.keys(golden).sort());
    expect(Object.keys(now).length).toBeGreaterThan(15);
  });
  for (const file of Object.keys(golden)) {
    it(`plays ${file} to the same endings with the same scores and states`, () => {
      expect(now[file]).toEqual(golden[file]);
    });
  }
});
