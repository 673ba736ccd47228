import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { initialTransition, transition } from "xstate";
import { getShortestPaths } from "xstate/graph";
import { analyzeScenario } from "./analyze";
import { initialState, replay, step } from "./engine";
import { createScenarioMachine, replayMachine } from "./machine";
import { parseScenario } from "./parse";
import { resultOf } from "./scoring";

const { scenario } = parseScenario(
  "valid-small.yaml",
  fs.readFileSync("tests/fixtures/scenarios/valid-small.yaml", "utf8"),
);
if (!scenario) throw new Error("fixture does not parse");
const analysis = analyzeScenario(scenario);

describe("engine", () => {
  it("applies effects within 0..100, adds points and records critical errors", () => {
    const s = step(scenario, initialState(scenario), "shame");
    expect(s.ok && s.state.meters.ben).toEqual({ trust: 20, safety: 20 });
    expect(s.ok && s.state.points).toEqual({ safety: -3 });
    expect(s.ok && s.state.criticalErrors).toEqual([
      { nodeId: "welcome", choiceId: "shame", reason: "Shaming a party is never acceptable." },
    ]);
    expect(s.ok && s.state.nodeId).toBe("walkout");
  });

  it("follows guarded targets by the state after the choice", () => {
    const good = replay(scenario, ["ground-rules", "gentle", "acknowledge"]);
    expect(good.ok && good.state.nodeId).toBe("agreement");
    const poor = replay(scenario, ["straight-in", "gentle", "acknowledge"]);
    expect(poor.ok && poor.state.nodeId).toBe("no-agreement");
  });

  it("refuses a choice that is not offered at the current node, and any choice after an ending", () => {
    expect(step(scenario, initialState(scenario), "gentle")).toEqual({ ok: false, reason: "unknown-choice" });
    const ended = replay(scenario, ["shame", "gentle"]);
    expect(ended).toMatchObject({ ok: false, position: 1, reason: "finished" });
  });

  it("replays with the state each accepted choice was made from", () => {
    const replayed = replay(scenario, ["ground-rules", "gentle", "acknowledge"]);
    expect(replayed.before).toHaveLength(3);
    expect(replayed.before[0]).toEqual(initialState(scenario));
    expect(replayed.before[2]?.path.map((choice) => choice.choiceId)).toEqual(["ground-rules", "gentle"]);
    expect(replay(scenario, ["shame", "gentle"]).before).toHaveLength(1);
  });

  it("scores a finished play against the best reachable total", () => {
    const best = replay(scenario, ["ground-rules", "gentle", "acknowledge"]);
    if (!best.ok) throw new Error();
    expect(resultOf(scenario, analysis, best.state)).toMatchObject({
      score: 100,
      passed: true,
      success: true,
      competencyScores: { empathy: 100, safety: 100, process: 100 },
    });
    const shamed = replay(scenario, ["shame"]);
    if (!shamed.ok) throw new Error();
    expect(resultOf(scenario, analysis, shamed.state)).toMatchObject({ score: 0, passed: false, endingId: "walkout" });
  });
});

describe("XState machine", () => {
  const machine = createScenarioMachine(scenario);
  /** The machine's own transitions, event by event: what the engine's replay must agree with. */
  function driveMachine(choiceIds: string[]) {
    let [snapshot] = initialTransition(machine);
    for (const [position, choiceId] of choiceIds.entries()) {
      const event = { type: "CHOOSE" as const, choiceId };
      if (snapshot.status !== "active" || !snapshot.can(event)) return { ok: false, position, snapshot };
      [snapshot] = transition(machine, snapshot, event);
    }
    return { ok: true, snapshot };
  }

  it("agrees with the engine on every recorded path", () => {
    for (const path of [
      ["ground-rules", "gentle", "acknowledge"],
      ["straight-in", "break", "resume", "gentle", "minimise"],
      ["shame"],
    ]) {
      const viaMachine = driveMachine(path);
      const viaEngine = replay(scenario, path);
      expect(viaMachine.ok && viaEngine.ok).toBe(true);
      expect(viaMachine.snapshot.value).toBe(viaEngine.ok && viaEngine.state.nodeId);
      expect(viaMachine.snapshot.context).toEqual(viaEngine.ok && viaEngine.state);
    }
  });

  it("refuses a choice not offered now, and its replay stops where play stood", () => {
    expect(driveMachine(["ground-rules", "acknowledge"])).toMatchObject({ ok: false, position: 1 });
    const replayed = replayMachine(machine, scenario, ["ground-rules", "acknowledge"]);
    expect(replayed).toMatchObject({ ok: false, position: 1 });
    expect(replayed.snapshot.value).toBe(driveMachine(["ground-rules"]).snapshot.value);
  });

  it("gives a finished snapshot after an ending, as the machine's own transitions do", () => {
    const path = ["ground-rules", "gentle", "acknowledge"];
    expect(replayMachine(machine, scenario, path).snapshot.status).toBe("done");
    expect(driveMachine(path).snapshot.status).toBe("done");
  });

  it("can be traversed by xstate/graph: a shortest path reaches every ending", () => {
    const events = (snapshot: { value: unknown }) =>
      scenario.nodes[String(snapshot.value)]!.choices.map((c) => ({ type: "CHOOSE" as const, choiceId: c.id }));
    const paths = getShortestPaths(machine, {
      events,
      serializeState: (s) => `${String(s.value)}|${JSON.stringify(s.context.meters)}`,
    });
    const endings = new Set(paths.map((p) => String(p.state.value)).filter((v) => scenario.nodes[v]!.ending));
    expect([...endings].sort()).toEqual(["agreement", "no-agreement", "walkout"]);
  });
});
