// Programs from content/certifications, validated once per process (re-read in development when edited).
import fs from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import type { ContentIssue } from "../content/issues";
import { CONTENT_DIR } from "../content/paths.server";
import { YamlSource } from "../content/yaml-source";
import { programDocument, type Program, type ScenarioRequirement } from "./format";

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
  if (!file.endsWith(`${p.slug}.yaml`))
    source.report("error", ["slug"], `slug "${p.slug}" must match the file name (expected ${p.slug}.yaml)`);
  const exists = (kind: string, slug: string, ext: string) =>
    fs.existsSync(path.join(CONTENT_DIR, kind, `${slug}${ext}`));
  p.requirements.modules.forEach((m, i) => {
    if (!exists("modules", m, ".mdx"))
      source.report("error", ["requirements", "modules", i], `module "${m}" does not exist in content/modules`);
  });
  checkPools(source, "requirements", p.requirements.scenarios);
  p.renewal.modules.forEach((m, i) => {
    if (!exists("modules", m, ".mdx"))
      source.report("error", ["renewal", "modules", i], `module "${m}" does not exist in content/modules`);
  });
  checkPools(source, "renewal", p.renewal.scenarios);
  p.requirements.observations.forEach((o, i) => {
    if (!exists("rubrics", o.rubric, ".yaml"))
      source.report(
        "error",
        ["requirements", "observations", i, "rubric"],
        `rubric "${o.rubric}" does not exist in content/rubrics`,
      );
  });
  p.requirements.observations.forEach((o, i) => {
    if (o.observedSinceProgram && !p.prerequisitePrograms.includes(o.observedSinceProgram))
      source.report(
        "error",
        ["requirements", "observations", i, "observedSinceProgram"],
        `"${o.observedSinceProgram}" must also be listed in prerequisitePrograms`,
      );
  });
  p.requirements.heldPrograms.forEach((h, i) => {
    if (!p.prerequisitePrograms.includes(h.program))
      source.report(
        "error",
        ["requirements", "heldPrograms", i, "program"],
        `"${h.program}" must also be listed in prerequisitePrograms`,
      );
  });
  p.prerequisitePrograms.forEach((slug, i) => {
    if (slug === p.slug) source.report("error", ["prerequisitePrograms", i], "a program cannot require itself");
    else if (!exists("certifications", slug, ".yaml"))
      source.report("error", ["prerequisitePrograms", i], `program "${slug}" does not exist in content/certifications`);
  });
  if (p.renewal.windowDays < p.expiringWindowDays)
    source.report(
      "warning",
      ["renewal", "windowDays"],
      "the renewal window is shorter than the expiring-soon window: officers are told they are expiring before they can renew",
    );
  return { program: source.issues.some((i) => i.severity === "error") ? null : p, issues: source.issues };
}

/** What a program needs to know of a scenario: its pass mark and the competencies it scores. */
function scenarioFacts(slug: string): { passMark: number; competencies: string[] } | null {
  const file = path.join(CONTENT_DIR, "scenarios", `${slug}.yaml`);
  if (!fs.existsSync(file)) return null;
  try {
    const doc = parseYaml(fs.readFileSync(file, "utf8")) as { passMark?: unknown; competencies?: unknown };
    return {
      passMark: typeof doc.passMark === "number" ? doc.passMark : 0,
      competencies: Array.isArray(doc.competencies) ? doc.competencies.map(String) : [],
    };
  } catch {
    return { passMark: 0, competencies: [] }; // the scenario's own check reports its YAML
  }
}

/** Every pool scenario exists, appears in one pool only, scores the competencies asked for; warns when the minimum adds nothing. */
function checkPools(source: YamlSource, part: "requirements" | "renewal", pools: ScenarioRequirement[]) {
  const poolOf = new Map<string, number>();
  pools.forEach((req, i) => {
    req.pool.forEach((slug, k) => {
      const at = [part, "scenarios", i, "pool", k];
      const facts = scenarioFacts(slug);
      if (!facts) return source.report("error", at, `scenario "${slug}" does not exist in content/scenarios`);
      if (poolOf.has(slug) && poolOf.get(slug) !== i)
        source.report(
          "error",
          at,
          `scenario "${slug}" is already in pool ${poolOf.get(slug)! + 1}: one attempt would count for two requirements`,
        );
      poolOf.set(slug, i);
      for (const c of Object.keys(req.competencyMinimums)) {
        if (!facts.competencies.includes(c))
          source.report(
            "error",
            [part, "scenarios", i, "competencyMinimums", c],
            `scenario "${slug}" does not score ${c}, so this minimum could never be met on it`,
          );
      }
      if (req.minScore <= facts.passMark)
        source.report(
          "warning",
          [part, "scenarios", i, "minScore"],
          `minScore ${req.minScore} is not above the pass mark of "${slug}" (${facts.passMark}): it adds nothing to passing the scenario`,
        );
    });
  });
}

let cache: { signature: string; programs: Program[] } | null = null;

function signature(): string {
  if (!fs.existsSync(DIR)) return "";
  return fs
    .readdirSync(DIR)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => `${f}:${fs.statSync(path.join(DIR, f)).mtimeMs}`)
    .join("|");
}

/** Valid programs in level order; invalid ones are left out (the content check reports them). */
export function allPrograms(): Program[] {
  const sig = process.env.NODE_ENV === "production" && cache ? cache.signature : signature();
  if (cache && cache.signature === sig) return cache.programs;
  const programs: Program[] = [];
  if (fs.existsSync(DIR)) {
    for (const name of fs
      .readdirSync(DIR)
      .filter((f) => f.endsWith(".yaml"))
      .sort()) {
      const { program, issues } = parseProgram(
        path.join("content", "certifications", name),
        fs.readFileSync(path.join(DIR, name), "utf8"),
      );
      if (program) programs.push(program);
      else
        console.error(
          `Program ${name} is invalid and ignored:`,
          issues.map((i) => `${i.line}: ${i.message}`).join("; "),
        );
    }
  }
  programs.sort((a, b) => a.level - b.level || a.slug.localeCompare(b.slug));
  cache = { signature: sig, programs };
  return programs;
}

export function findProgram(slug: string): Program | null {
  return allPrograms().find((p) => p.slug === slug) ?? null;
}
