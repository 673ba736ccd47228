// The validator trainers meet in `npm run content:check` and in the studio: parse, then analyse.
import type { ContentIssue } from "../content/issues";
import { analyzeScenario, type ScenarioAnalysis } from "./analyze";
import { parseScenario } from "./parse";
import type { Scenario } from "./scenario";

export interface ValidatedScenario {
  scenario: Scenario | null;
  analysis: ScenarioAnalysis | null;
  issues: ContentIssue[];
}

export function validateScenario(file: string, text: string): ValidatedScenario {
  const parsed = parseScenario(file, text);
  if (!parsed.scenario) return { scenario: null, analysis: null, issues: sortIssues(parsed.issues) };
  const analysis = analyzeScenario(parsed.scenario);
  const issues = [...parsed.issues];
  for (const problem of analysis.problems) {
    issues.push({ severity: problem.severity, file, line: parsed.source.lineOf(problem.path), message: problem.message });
  }
  return { scenario: parsed.scenario, analysis, issues: sortIssues(issues) };
}

function sortIssues(issues: ContentIssue[]): ContentIssue[] {
  return [...issues].sort((a, b) => a.line - b.line);
}

export function describeAnalysis(analysis: ScenarioAnalysis): string[] {
  return describeCompiledFacts(analysis, `a path passes: ${analysis.canPass ? "yes" : "no"}; a path fails: ${analysis.canFail ? "yes" : "no"}`);
}

type Facts = Pick<ScenarioAnalysis, "decisionNodes" | "endings" | "stateCount" | "total" | "byCompetency" | "modelPath">;

/** For a scenario that compiled (so a path passes and one fails). */
export function describeCompiled(facts: Facts): string[] {
  return describeCompiledFacts(facts, "a path passes: yes; a path fails: yes");
}

function describeCompiledFacts(analysis: Facts, verdict: string): string[] {
  const range = (r: { min: number; max: number }) => `${r.min} to ${r.max}`;
  return [
    `${analysis.decisionNodes} decision nodes, ${analysis.endings} endings, ${analysis.stateCount} reachable states`,
    `score: ${range(analysis.total)} points overall; ` +
      Object.entries(analysis.byCompetency).map(([c, r]) => `${c} ${range(r!)}`).join(", "),
    `${verdict}; model path: ${analysis.modelPath.length} choices`,
  ];
}
