// Reads a module file's frontmatter with line numbers. The body is checked by the compiler.
import { YamlSource } from "../content/yaml-source";
import type { ContentIssue } from "../content/issues";
import { moduleFrontmatter, type ModuleFrontmatter } from "./format";
import { bankRuleIssues, bankRulesEnforced, isLibraryFile } from "./question-bank";
import { sourceRuleIssues } from "./sources";

export interface ParsedModule {
  frontmatter: ModuleFrontmatter | null;
  issues: ContentIssue[];
}

export function parseModuleFrontmatter(file: string, source: string): ParsedModule {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(source);
  if (!match) {
    return { frontmatter: null, issues: [{ severity: "error", file, line: 1, message: "a module starts with YAML frontmatter between two `---` lines" }] };
  }
  const yaml = new YamlSource(file, match[1]!, 1);
  if (!yaml.ok) return { frontmatter: null, issues: yaml.issues };
  const raw = yaml.toJS();
  const result = moduleFrontmatter.safeParse(raw);
  if (!result.success) {
    yaml.reportZod(result.error.issues);
    return { frontmatter: null, issues: yaml.issues };
  }
  const expected = `${result.data.slug}.mdx`;
  if (!file.endsWith(expected) && !file.startsWith("<")) yaml.report("error", ["slug"], `slug "${result.data.slug}" must match the file name (expected ${expected})`);
  const written = (key: string) => typeof raw === "object" && raw !== null && key in raw;
  for (const issue of bankRuleIssues(result.data, bankRulesEnforced(file))) {
    // A rule about questionsPerAttempt points at the bank when the field is left to its default.
    yaml.report(issue.severity, issue.path[0] === "questionsPerAttempt" && !written("questionsPerAttempt") ? ["knowledgeCheck"] : issue.path, issue.message);
  }
  for (const issue of sourceRuleIssues(result.data.sources, isLibraryFile(file))) yaml.report(issue.severity, issue.path, issue.message);
  return { frontmatter: yaml.issues.some((i) => i.severity === "error") ? null : result.data, issues: yaml.issues };
}
