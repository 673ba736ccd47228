// Checks every content file (or the ones named) and says what is wrong, file by file.
import { statSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { parseProgram } from "../certification/programs.server";
import { parseRubric } from "../certification/rubrics.server";
import { formatIssue, type ContentIssue } from "../content/issues";
import { CONTENT_DIR } from "../content/paths.server";
import { ENFORCE_STRATEGY_THRESHOLDS_IN_LIBRARY, strategySeverity } from "../content/strategy-policy";
import { compileModuleCached } from "../modules/compiled.server";
import { attemptSize } from "../modules/question-bank";
import { compileScenarioCached, scenarioStrategyCached } from "../scenarios/compiled.server";
import { describeStrategyReport } from "../scenarios/strategy";
import { describeCompiled, strategyIssues } from "../scenarios/validate";

export { CONTENT_DIR };

export interface ContentReport {
  issues: ContentIssue[];
  lines: string[];
  fileCount: number;
}

type Kind = "module" | "scenario" | "program" | "rubric";

function kindOf(file: string): Kind | null {
  if (file.endsWith(".mdx")) return "module";
  if (/certifications[\\/][^\\/]+\.ya?ml$/.test(file)) return "program";
  if (/rubrics[\\/][^\\/]+\.ya?ml$/.test(file)) return "rubric";
  if (/\.ya?ml$/.test(file)) return "scenario";
  return null;
}

async function listContent(): Promise<string[]> {
  const out: string[] = [];
  for (const dir of ["modules", "scenarios", "certifications", "rubrics"]) {
    const full = path.join(CONTENT_DIR, dir);
    const names = await fs.readdir(full).catch(() => [] as string[]);
    for (const name of names.sort())
      if (kindOf(name === "" ? "" : path.join(full, name))) out.push(path.join(full, name));
  }
  return out;
}

export interface CheckOptions {
  /** whether missed strategy thresholds are errors for library scenarios (default: the switch in strategy-policy.ts) */
  enforceStrategy?: boolean;
  /** the folder whose scenarios count as the library (default: content/scenarios) */
  libraryDir?: string;
}

export async function checkContent(files?: string[], options: CheckOptions = {}): Promise<ContentReport> {
  const enforce = options.enforceStrategy ?? ENFORCE_STRATEGY_THRESHOLDS_IN_LIBRARY;
  const libraryDir = path.resolve(options.libraryDir ?? path.join(CONTENT_DIR, "scenarios"));
  const targets = files?.map((f) => path.resolve(f)) ?? (await listContent());
  const issues: ContentIssue[] = [];
  const lines: string[] = [];
  for (const file of targets) {
    const shown = path.relative(process.cwd(), file);
    const kind = kindOf(file);
    let text: string;
    try {
      text = await fs.readFile(file, "utf8");
    } catch {
      const issue: ContentIssue = { severity: "error", file: shown, line: 1, message: "cannot read this file" };
      issues.push(issue);
      lines.push(formatIssue(issue));
      continue;
    }
    if (kind === "scenario") {
      const result = compileScenarioCached(shown, text);
      const strategy = result.compiled ? scenarioStrategyCached(shown, text) : null;
      const inLibrary = path.dirname(file) === libraryDir;
      const scenarioIssues = [
        ...result.issues,
        ...(strategy ? strategyIssues(shown, strategy, strategySeverity(inLibrary, enforce)) : []),
      ];
      issues.push(...scenarioIssues);
      lines.push(`${shown}: ${scenarioIssues.some((i) => i.severity === "error") ? "FAILED" : "ok"}`);
      if (result.compiled) lines.push(...describeCompiled(result.compiled).map((l) => `  ${l}`));
      if (strategy) lines.push(...describeStrategyReport(strategy.report).map((l) => `  ${l}`));
      lines.push(...scenarioIssues.map((i) => `  ${formatIssue(i)}`));
    } else if (kind === "module") {
      const result = await compileModuleCached(shown, text);
      const moduleIssues = [
        ...result.issues,
        ...crossCheckModule(shown, text, result.compiled?.frontmatter.prerequisites ?? []),
      ];
      issues.push(...moduleIssues);
      lines.push(`${shown}: ${moduleIssues.some((i) => i.severity === "error") ? "FAILED" : "ok"}`);
      if (result.compiled) {
        const c = result.compiled;
        lines.push(
          `  ${c.wordCount} words, ${c.toc.length} sections, ${c.keyTerms.length} key terms, ${c.frontmatter.knowledgeCheck.length} questions, ${attemptSize(c.frontmatter)} per attempt`,
        );
      }
      lines.push(...moduleIssues.map((i) => `  ${formatIssue(i)}`));
    } else if (kind === "program") {
      const result = parseProgram(shown, text);
      issues.push(...result.issues);
      lines.push(`${shown}: ${result.issues.some((i) => i.severity === "error") ? "FAILED" : "ok"}`);
      if (result.program) {
        const r = result.program.requirements;
        lines.push(
          `  ${r.modules.length} modules, ${r.scenarios.length} role-play pools, ${r.observations.length} observed assessments, ${r.practicum.reduce((n, p) => n + p.count, 0)} practicum, ${r.caseStudies?.count ?? 0} case studies, valid ${result.program.validForMonths} months`,
        );
      }
      lines.push(...result.issues.map((i) => `  ${formatIssue(i)}`));
    } else if (kind === "rubric") {
      const result = parseRubric(shown, text);
      issues.push(...result.issues);
      lines.push(`${shown}: ${result.issues.some((i) => i.severity === "error") ? "FAILED" : "ok"}`);
      if (result.rubric)
        lines.push(`  ${result.rubric.criteria.length} criteria, for ${result.rubric.appliesTo.join(", ")}`);
      lines.push(...result.issues.map((i) => `  ${formatIssue(i)}`));
    } else if (kind === null) {
      const issue: ContentIssue = {
        severity: "error",
        file: shown,
        line: 1,
        message: "not a content file (.mdx module, .yaml scenario, program or rubric)",
      };
      issues.push(issue);
      lines.push(formatIssue(issue));
    }
  }
  return { issues, lines, fileCount: targets.length };
}

/** References from a module to other content: prerequisites and linked scenarios must exist. */
function crossCheckModule(file: string, text: string, prerequisites: string[]): ContentIssue[] {
  const found: ContentIssue[] = [];
  const lineOf = (needle: string) => Math.max(1, text.split("\n").findIndex((l) => l.includes(needle)) + 1);
  for (const slug of prerequisites) {
    if (!exists(path.join(CONTENT_DIR, "modules", `${slug}.mdx`))) {
      found.push({
        severity: "error",
        file,
        line: lineOf(slug),
        message: `prerequisite "${slug}" is not a module in content/modules`,
      });
    }
  }
  for (const match of text.matchAll(/<ScenarioLink\s+slug="([^"]*)"/g)) {
    const slug = match[1]!;
    if (!exists(path.join(CONTENT_DIR, "scenarios", `${slug}.yaml`))) {
      found.push({
        severity: "error",
        file,
        line: lineOf(match[0]),
        message: `<ScenarioLink slug="${slug}"> names no scenario in content/scenarios`,
      });
    }
  }
  return found;
}

function exists(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
