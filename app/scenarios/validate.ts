// The validator trainers meet in `npm run content:check` and in the studio: parse, then analyse.
import type { ContentIssue } from "../content/issues";
import { analyzeScenario, exploreStates, type ScenarioAnalysis } from "./analyze";
import { parseScenario } from "./parse";
import type { Scenario } from "./scenario";
import { strategyChecks, strategyReport, type StrategyCheck, type StrategyReport } from "./strategy";

/** The cue and strategy report with every threshold's verdict, each placed on a line of the file. */
export interface ScenarioStrategy {
  report: StrategyReport;
  checks: (StrategyCheck & { line: number })[];
}

export interface ValidatedScenario {
  scenario: Scenario | null;
  analysis: ScenarioAnalysis | null;
  /** null when the scenario does not parse or its state space cannot support the report */
  strategy: ScenarioStrategy | null;
  issues: ContentIssue[];
}

/**
 * @param strategySeverity how missed strategy thresholds are reported: "warning" for drafts, "error" for the
 * library when enforced, or null to leave them out of `issues` (the caller decides, see content-pipeline/check.server).
 */
export function validateScenario(
  file: string,
  text: string,
  strategySeverity: "error" | "warning" | null = null,
): ValidatedScenario {
  const parsed = parseScenario(file, text);
  if (!parsed.scenario) return { scenario: null, analysis: null, strategy: null, issues: sortIssues(parsed.issues) };
  const graph = exploreStates(parsed.scenario);
  const analysis = analyzeScenario(parsed.scenario, graph);
  const issues = [...parsed.issues];
  for (const problem of analysis.problems) {
    issues.push({
      severity: problem.severity,
      file,
      line: parsed.source.lineOf(problem.path),
      message: problem.message,
    });
  }
  const report = issues.some((i) => i.severity === "error") ? null : strategyReport(parsed.scenario, analysis, graph);
  const strategy = report && {
    report,
    checks: strategyChecks(report).map((c) => ({ ...c, line: parsed.source.lineOf(c.path) })),
  };
  if (strategy && strategySeverity) issues.push(...strategyIssues(file, strategy, strategySeverity));
  return { scenario: parsed.scenario, analysis, strategy, issues: sortIssues(issues) };
}

/** The thresholds a scenario misses, as issues of the given severity, each with its line. */
export function strategyIssues(
  file: string,
  strategy: ScenarioStrategy,
  severity: "error" | "warning",
): ContentIssue[] {
  return strategy.checks
    .filter((c) => !c.ok)
    .map((c) => ({ severity, file, line: c.line, message: `strategy report: ${c.message}` }));
}

function sortIssues(issues: ContentIssue[]): ContentIssue[] {
  return [...issues].sort((a, b) => a.line - b.line);
}

export function describeAnalysis(analysis: ScenarioAnalysis): string[] {
  return describeCompiledFacts(
    analysis,
    `a path passes: ${analysis.canPass ? "yes" : "no"}; a path fails: ${analysis.canFail ? "yes" : "no"}`,
  );
}

type Facts = Pick<
  ScenarioAnalysis,
  "decisionNodes" | "endings" | "stateCount" | "total" | "byCompetency" | "modelPath"
>;

/** For a scenario that compiled (so a path passes and one fails). */
export function describeCompiled(facts: Facts): string[] {
  return describeCompiledFacts(facts, "a path passes: yes; a path fails: yes");
}

function describeCompiledFacts(analysis: Facts, verdict: string): string[] {
  const range = (r: { min: number; max: number }) => `${r.min} to ${r.max}`;
  return [
    `${analysis.decisionNodes} decision nodes, ${analysis.endings} endings, ${analysis.stateCount} reachable states`,
    `score: ${range(analysis.total)} points overall; ` +
      Object.entries(analysis.byCompetency)
        .map(([c, r]) => `${c} ${range(r!)}`)
        .join(", "),
    `${verdict}; model path: ${analysis.modelPath.length} choices`,
  ];
}
