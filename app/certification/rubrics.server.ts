// Rubrics from content/rubrics, validated once per process (re-read in development when edited), like programs.
import fs from "node:fs";
import path from "node:path";
import { contentHash } from "../content/hash.server";
import type { ContentIssue } from "../content/issues";
import { CONTENT_DIR } from "../content/paths.server";
import { YamlSource } from "../content/yaml-source";
import { LEVELS, rubricDocument, type Rubric } from "./rubric-format";

const DIR = path.join(CONTENT_DIR, "rubrics");

/** A rubric with the hash of its text: an observation records which text its levels were given against. */
export type LoadedRubric = Rubric & { hash: string };

export function parseRubric(file: string, text: string): { rubric: Rubric | null; issues: ContentIssue[] } {
  const source = new YamlSource(file, text);
  if (!source.ok) return { rubric: null, issues: source.issues };
  const result = rubricDocument.safeParse(source.toJS());
  if (!result.success) {
    source.reportZod(result.error.issues);
    return { rubric: null, issues: source.issues };
  }
  const rubric = result.data;
  if (!file.endsWith(`${rubric.slug}.yaml`))
    source.report("error", ["slug"], `slug "${rubric.slug}" must match the file name (expected ${rubric.slug}.yaml)`);
  const seen = new Map<string, number>();
  rubric.criteria.forEach((c, i) => {
    const first = seen.get(c.id);
    if (first !== undefined)
      source.report(
        "error",
        ["criteria", i, "id"],
        `criterion id "${c.id}" is used twice (first at criteria.${first})`,
      );
    else seen.set(c.id, i);
    reportRepeatedAnchors(source, c.anchors, i);
  });
  rubric.appliesTo.forEach((kind, i) => {
    if (rubric.appliesTo.indexOf(kind) !== i) source.report("warning", ["appliesTo", i], `"${kind}" is listed twice`);
  });
  return { rubric: source.issues.some((i) => i.severity === "error") ? null : rubric, issues: source.issues };
}

/** Two levels described the same way cannot be told apart by an assessor. */
function reportRepeatedAnchors(source: YamlSource, anchors: Record<(typeof LEVELS)[number], string>, index: number) {
  LEVELS.forEach((level, li) => {
    const earlier = LEVELS.slice(0, li).find((other) => normalize(anchors[other]) === normalize(anchors[level]));
    if (earlier) {
      source.report(
        "error",
        ["criteria", index, "anchors", level],
        `the "${level}" anchor repeats the "${earlier}" anchor: describe what an assessor would see at each level`,
      );
    }
  });
}

function normalize(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, " ");
}

let cache: { signature: string; rubrics: LoadedRubric[] } | null = null;

function signature(): string {
  if (!fs.existsSync(DIR)) return "";
  return fs
    .readdirSync(DIR)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => `${f}:${fs.statSync(path.join(DIR, f)).mtimeMs}`)
    .join("|");
}

/** Valid rubrics by title; invalid ones are left out (the content check reports them). */
export function allRubrics(): LoadedRubric[] {
  const sig = process.env.NODE_ENV === "production" && cache ? cache.signature : signature();
  if (cache && cache.signature === sig) return cache.rubrics;
  const rubrics: LoadedRubric[] = [];
  if (fs.existsSync(DIR)) {
    for (const name of fs
      .readdirSync(DIR)
      .filter((f) => f.endsWith(".yaml"))
      .sort()) {
      const text = fs.readFileSync(path.join(DIR, name), "utf8");
      const { rubric, issues } = parseRubric(path.join("content", "rubrics", name), text);
      if (rubric) rubrics.push({ ...rubric, hash: contentHash(text) });
      else
        console.error(
          `Rubric ${name} is invalid and ignored:`,
          issues.map((i) => `${i.line}: ${i.message}`).join("; "),
        );
    }
  }
  rubrics.sort((a, b) => a.title.localeCompare(b.title));
  cache = { signature: sig, rubrics };
  return rubrics;
}

export function findRubric(slug: string): LoadedRubric | null {
  return allRubrics().find((r) => r.slug === slug) ?? null;
}
