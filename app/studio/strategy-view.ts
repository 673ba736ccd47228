// What the studio shows of a scenario's cue and strategy report: the figures in two sentences and every
// threshold with its verdict (the table in app/ui/strategy-report.tsx).
import { describeStrategyReport } from "../scenarios/strategy";
import type { ScenarioStrategy } from "../scenarios/validate";

export interface StrategySummary {
  lines: string[];
  checks: { label: string; measured: string; limit: string; ok: boolean; line: number }[];
  missed: number;
}

export function strategySummary(strategy: ScenarioStrategy): StrategySummary {
  return {
    lines: describeStrategyReport(strategy.report),
    checks: strategy.checks.map(({ label, measured, limit, ok, line }) => ({ label, measured, limit, ok, line })),
    missed: strategy.checks.filter((c) => !c.ok).length,
  };
}
