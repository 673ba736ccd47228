// Programs from content/certifications, validated once per process (re-read in development when edited).
import fs from "node:fs";
import path from "node:path";
import type { ContentIssue } from "../content/issues";
import { CONTENT_DIR } from "../content/paths.server";
import { YamlSource } from "../content/yaml-source";
import { programDocument, type Program } from "./format";

const DIR = path.join(CONTENT_DIR, "certifications");

export function parseProgram(file: string, text: string): { program: Program | null; issues: ContentIssue[] } {
  const source = new YamlSource(file, text);
  if (!source.ok) return { program: null, issues: source.issues };
  const result = programDocument.safeParse(source.toJS());
  if (!result.success) {
    source.reportZod(result.error.issues);
    return { program: null, issues: source.issues };
  }
  const p = result.data;
  if (!file.endsWith(`${p.slug}.yaml`)) source.report("error", ["slug"], `slug "${p.slug}" must match the file name (expected ${p.slug}.yaml)`);
  const exists = (kind: string, slug: string, ext: string) => fs.existsSync(path.join(CONTENT_DIR, kind, `${slug}${ext}`));
  p.requirements.modules.forEach((m, i) => { if (!exists("modules", m, ".mdx")) source.report("error", ["requirements", "modules", i], `module "${m}" does not exist in content/modules`); });
  p.requirements.scenarios.forEach((s, i) => { if (!exists("scenarios", s.slug, ".yaml")) source.report("error", ["requirements", "scenarios", i, "slug"], `scenario "${s.slug}" does not exist in content/scenarios`); });
  p.renewal.modules.forEach((m, i) => { if (!exists("modules", m, ".mdx")) source.report("error", ["renewal", "modules", i], `module "${m}" does not exist in content/modules`); });
  p.renewal.scenarios.forEach((s, i) => { if (!exists("scenarios", s.slug, ".yaml")) source.report("error", ["renewal", "scenarios", i, "slug"], `scenario "${s.slug}" does not exist in content/scenarios`); });
  p.prerequisitePrograms.forEach((slug, i) => {
    if (slug === p.slug) source.report("error", ["prerequisitePrograms", i], "a program cannot require itself");
    else if (!exists("certifications", slug, ".yaml")) source.report("error", ["prerequisitePrograms", i], `program "${slug}" does not exist in content/certifications`);
  });
  if (p.renewal.windowDays < p.expiringWindowDays) source.report("warning", ["renewal", "windowDays"], "the renewal window is shorter than the expiring-soon window: officers are told they are expiring before they can renew");
  return { program: source.issues.some((i) => i.severity === "error") ? null : p, issues: source.issues };
}

let cache: { signature: string; programs: Program[] } | null = null;

function signature(): string {
  if (!fs.existsSync(DIR)) return "";
  return fs.readdirSync(DIR).filter((f) => f.endsWith(".yaml")).sort().map((f) => `${f}:${fs.statSync(path.join(DIR, f)).mtimeMs}`).join("|");
}

/** Valid programs in level order; invalid ones are left out (the content check reports them). */
export function allPrograms(): Program[] {
  const sig = process.env.NODE_ENV === "production" && cache ? cache.signature : signature();
  if (cache && cache.signature === sig) return cache.programs;
  const programs: Program[] = [];
  if (fs.existsSync(DIR)) {
    for (const name of fs.readdirSync(DIR).filter((f) => f.endsWith(".yaml")).sort()) {
      const { program, issues } = parseProgram(path.join("content", "certifications", name), fs.readFileSync(path.join(DIR, name), "utf8"));
      if (program) programs.push(program);
      else console.error(`Program ${name} is invalid and ignored:`, issues.map((i) => `${i.line}: ${i.message}`).join("; "));
    }
  }
  programs.sort((a, b) => a.level - b.level || a.slug.localeCompare(b.slug));
  cache = { signature: sig, programs };
  return programs;
}

export function findProgram(slug: string): Program | null {
  return allPrograms().find((p) => p.slug === slug) ?? null;
}
