// A scenario ready to play: the parsed document plus what the analysis found (score range, model path).
// Produced once per content hash, at build or publish time, never on a request.
import type { ContentIssue } from "../content/issues";
import type { ScenarioAnalysis } from "./analyze";
import type { Scenario } from "./scenario";
import type { ScoreSummary } from "./scoring";
import { validateScenario, type ScenarioStrategy, type ValidatedScenario } from "./validate";

/** Bump when the engine or the compiled shape changes, so cached compilations are made again. */
export const SCENARIO_COMPILER_VERSION = "3";

export interface CompiledScenario extends ScoreSummary {
  scenario: Scenario;
  modelPath: ScenarioAnalysis["modelPath"];
  worstPath: ScenarioAnalysis["worstPath"];
  stateCount: number;
  decisionNodes: number;
  endings: number;
}

/** `strategy` is the cue and strategy report; it is not part of the compiled form (see compiled.server.ts). */
export function compileScenario(
  file: string,
  text: string,
): { compiled: CompiledScenario | null; issues: ContentIssue[]; strategy: ScenarioStrategy | null } {
  return compiledFrom(validateScenario(file, text));
}

/** The compiled form of a scenario already validated (the studio's checker validates once and keeps both). */
export function compiledFrom({ scenario, analysis, strategy, issues }: ValidatedScenario): {
  compiled: CompiledScenario | null;
  issues: ContentIssue[];
  strategy: ScenarioStrategy | null;
} {
  if (!scenario || !analysis || issues.some((i) => i.severity === "error"))
    return { compiled: null, issues, strategy: null };
  return {
    issues,
    strategy,
    compiled: {
      scenario,
      total: analysis.total,
      byCompetency: analysis.byCompetency,
      modelPath: analysis.modelPath,
      worstPath: analysis.worstPath,
      stateCount: analysis.stateCount,
      decisionNodes: analysis.decisionNodes,
      endings: analysis.endings,
    },
  };
}
