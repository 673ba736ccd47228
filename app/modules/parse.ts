// Reads a module file's front matter with line numbers, and hands back the body on its own. The front matter
// is YAML read by our parser only: the file must open with a line that is exactly `---`. Other front-matter
// parsers read `---js`, `---coffee` and the like as code to run, so any other first line is refused here,
// before anything else looks at the file.
import type { ContentIssue } from "../content/issues";
import { kB, LIMITS } from "../content/limits";
import { YamlSource } from "../content/yaml-source";
import { moduleFrontmatter, type ModuleFrontmatter } from "./format";
import { bankRuleIssues, bankRulesEnforced, isLibraryFile } from "./question-bank";
import { sourceRuleIssues } from "./sources";

export interface ParsedModule {
  frontmatter: ModuleFrontmatter | null;
  issues: ContentIssue[];
}

export interface SplitModule {
  /** the YAML between the fences, or null when the fences are wrong */
  yaml: string | null;
  /** the body, with every front-matter line left empty so that line numbers stay those of the file */
  body: string | null;
  issues: ContentIssue[];
}

const FENCE = "---";

export function splitModuleSource(file: string, source: string): SplitModule {
  const refuse = (line: number, message: string): SplitModule => ({
    yaml: null,
    body: null,
    issues: [{ severity: "error", file, line, message }],
  });
  if (Buffer.byteLength(source) > LIMITS.moduleBytes) {
    return refuse(
      1,
      `this module is ${kB(Buffer.byteLength(source))}; at most ${kB(LIMITS.moduleBytes)}: split it into smaller modules`,
    );
  }
  // An editor's byte-order mark is invisible; it is not a fence language.
  const lines = source
    .replace(/^\uFEFF/, "")
    .split("\n")
    .map((line) => line.replace(/\r$/, ""));
  if (lines[0] !== FENCE) {
    const first = (lines[0] ?? "").slice(0, 40);
    return refuse(
      1,
      first.startsWith(FENCE)
        ? `front matter must open with a line that is exactly "---", not "${first}": only YAML front matter is read`
        : "a module starts with YAML front matter between two `---` lines",
    );
  }
  const close = lines.indexOf(FENCE, 1);
  if (close === -1)
    return refuse(1, "the front matter opened on line 1 is never closed: end it with a line that is exactly `---`");
  return {
    yaml: lines.slice(1, close).join("\n"),
    body: "\n".repeat(close + 1) + lines.slice(close + 1).join("\n"),
    issues: [],
  };
}

/** The front matter of a module, from the YAML that `splitModuleSource` found. */
export function parseFrontmatterYaml(file: string, yamlText: string): ParsedModule {
  const yaml = new YamlSource(file, yamlText, 1);
  if (!yaml.ok) return { frontmatter: null, issues: yaml.issues };
  const raw = yaml.toJS();
  const result = moduleFrontmatter.safeParse(raw);
  if (!result.success) {
    yaml.reportZod(result.error.issues);
    return { frontmatter: null, issues: yaml.issues };
  }
  const expected = `${result.data.slug}.mdx`;
  if (!file.endsWith(expected) && !file.startsWith("<"))
    yaml.report("error", ["slug"], `slug "${result.data.slug}" must match the file name (expected ${expected})`);
  const written = (key: string) => typeof raw === "object" && raw !== null && key in raw;
  for (const issue of bankRuleIssues(result.data, bankRulesEnforced(file))) {
    // A rule about questionsPerAttempt points at the bank when the field is left to its default.
    yaml.report(
      issue.severity,
      issue.path[0] === "questionsPerAttempt" && !written("questionsPerAttempt") ? ["knowledgeCheck"] : issue.path,
      issue.message,
    );
  }
  for (const issue of sourceRuleIssues(result.data.sources, isLibraryFile(file)))
    yaml.report(issue.severity, issue.path, issue.message);
  return { frontmatter: yaml.issues.some((i) => i.severity === "error") ? null : result.data, issues: yaml.issues };
}

/** The front matter of a whole module file: the fences checked first, then the YAML (the body is not looked at). */
export function parseModuleFrontmatter(file: string, source: string): ParsedModule {
  const split = splitModuleSource(file, source);
  if (split.yaml === null) return { frontmatter: null, issues: split.issues };
  return parseFrontmatterYaml(file, split.yaml);
}
