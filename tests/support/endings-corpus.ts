// How every scenario in content/scenarios and tests/fixtures/scenarios plays to each of its endings, as plain
// JSON keyed by file: for each ending play can reach, the fewest choices that reach it, replayed through the
// engine, with the final meters, points, critical errors and result; and the same for the model and worst paths.
// Run directly (`npx tsx tests/support/endings-corpus.ts`) it prints that JSON, which is how
// tests/fixtures/endings-golden.json was made (before participants could declare meters of their own).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { analyzeScenario, exploreStates, type StateGraph } from "../../app/scenarios/analyze";
import { replay } from "../../app/scenarios/engine";
import { parseScenario } from "../../app/scenarios/parse";
import type { Scenario } from "../../app/scenarios/scenario";
import { resultOf, type ScoreSummary } from "../../app/scenarios/scoring";

const folders = ["content/scenarios", "tests/fixtures/scenarios"];

export interface PlayedEnding {
  choices: string[];
  nodeId: string;
  meters: unknown;
  points: unknown;
  criticalErrors: unknown;
  result: unknown;
}

/** For each ending state's node, the first (fewest-choice) way to it over the explored states. */
function shortestWayToEachEnding(scenario: Scenario, graph: StateGraph): Map<string, string[]> {
  const previous = new Map<number, { from: number; choiceId: string }>();
  const queue = [0];
  const seen = new Set([0]);
  const ways = new Map<string, string[]>();
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head]!;
    const nodeId = graph.stateNode[state]!;
    if (scenario.nodes[nodeId]?.ending && !ways.has(nodeId)) ways.set(nodeId, wayTo(previous, state));
    for (const edge of graph.edges[state]!) {
      if (seen.has(edge.to)) continue;
      seen.add(edge.to);
      previous.set(edge.to, { from: state, choiceId: edge.choiceId });
      queue.push(edge.to);
    }
  }
  return ways;
}

function wayTo(previous: Map<number, { from: number; choiceId: string }>, state: number): string[] {
  const choices: string[] = [];
  for (let at = previous.get(state); at; at = previous.get(at.from)) choices.unshift(at.choiceId);
  return choices;
}

function play(scenario: Scenario, range: ScoreSummary, choices: string[]): PlayedEnding {
  const replayed = replay(scenario, choices);
  const { state } = replayed;
  return {
    choices,
    nodeId: state.nodeId,
    meters: state.meters,
    points: state.points,
    criticalErrors: state.criticalErrors,
    result: replayed.ok ? resultOf(scenario, range, state) : "refused",
  };
}

export function endingsOfEveryScenario(): Record<string, Record<string, PlayedEnding> | null> {
  const out: Record<string, Record<string, PlayedEnding> | null> = {};
  for (const folder of folders) {
    for (const name of readdirSync(folder)
      .filter((f) => f.endsWith(".yaml"))
      .sort()) {
      const file = join(folder, name);
      const { scenario } = parseScenario(file, readFileSync(file, "utf8"));
      if (!scenario) {
        out[file] = null;
        continue;
      }
      const graph = exploreStates(scenario);
      const analysis = analyzeScenario(scenario, graph);
      const played: Record<string, PlayedEnding> = {};
      for (const [endingId, choices] of [...shortestWayToEachEnding(scenario, graph)].sort())
        played[`ending ${endingId}`] = play(scenario, analysis, choices);
      played["model path"] = play(
        scenario,
        analysis,
        analysis.modelPath.map((s) => s.choiceId),
      );
      played["worst path"] = play(
        scenario,
        analysis,
        analysis.worstPath.map((s) => s.choiceId),
      );
      out[file] = JSON.parse(JSON.stringify(played)) as Record<string, PlayedEnding>;
    }
  }
  return out;
}

if (process.argv[1]?.endsWith("endings-corpus.ts")) {
  process.stdout.write(JSON.stringify(endingsOfEveryScenario(), null, 1) + "\n");
}
