// The result of a finished play, computed from its state and the scenario's score range. Server-side only
// in practice: the browser never receives scores before the debrief.
import type { ScoreRange } from "./analyze";
import { scorePercent } from "./analyze";
import type { PlayState } from "./engine";
import type { Competency } from "./format";
import type { Scenario } from "./scenario";

export interface ScoreSummary {
  total: ScoreRange;
  byCompetency: Partial<Record<Competency, ScoreRange>>;
}

export interface AttemptResult {
  endingId: string;
  success: boolean;
  score: number;
  passed: boolean;
  competencyScores: Partial<Record<Competency, number>>;
  criticalErrors: PlayState["criticalErrors"];
}

export function scoreState(
  scenario: Scenario,
  range: ScoreSummary,
  state: PlayState,
): Partial<Record<Competency, number>> & { total: number } {
  const totalPoints = Object.values(state.points).reduce((a, b) => a + (b ?? 0), 0);
  const byCompetency: Partial<Record<Competency, number>> = {};
  for (const c of scenario.competencies) {
    byCompetency[c] = scorePercent(state.points[c] ?? 0, range.byCompetency[c]?.max ?? 0);
  }
  return { ...byCompetency, total: scorePercent(totalPoints, range.total.max) };
}

export function resultOf(scenario: Scenario, range: ScoreSummary, state: PlayState): AttemptResult | null {
  const ending = scenario.nodes[state.nodeId]?.ending;
  if (!ending) return null;
  const { total, ...competencyScores } = scoreState(scenario, range, state);
  const passed = ending.success && state.criticalErrors.length === 0 && total >= scenario.passMark;
  return {
    endingId: state.nodeId,
    success: ending.success,
    score: total,
    passed,
    competencyScores,
    criticalErrors: state.criticalErrors,
  };
}
