// Reads a module file's frontmatter with line numbers. The body is checked by the compiler.
import { YamlSource } from "../content/yaml-source";
import type { ContentIssue } from "../content/issues";
import { moduleFrontmatter, type ModuleFrontmatter } from "./format";

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
  const result = moduleFrontmatter.safeParse(yaml.toJS());
  if (!result.success) {
    yaml.reportZod(result.error.issues);
    return { frontmatter: null, issues: yaml.issues };
  }
  const expected = `${result.data.slug}.mdx`;
  if (!file.endsWith(expected) && !file.startsWith("<")) yaml.report("error", ["slug"], `slug "${result.data.slug}" must match the file name (expected ${expected})`);
  return { frontmatter: yaml.issues.length ? null : result.data, issues: yaml.issues };
}
