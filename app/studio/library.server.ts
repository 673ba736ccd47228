// The studio's library: every scenario and module with its validation status, version and last publication.
import fs from "node:fs";
import path from "node:path";
import type { SessionUser } from "../auth/roles";
import { strategySeverity } from "../content/strategy-policy";
import { prisma } from "../db/db.server";
import { allModules } from "../modules/catalog.server";
import { compileScenarioCached, scenarioStrategyCached } from "../scenarios/compiled.server";
import { contentScenarioFiles, ensureLibrary } from "../scenarios/library.server";
import { namesOf } from "../users/names.server";
import { listDrafts } from "./drafts.server";

export async function studioLibrary() {
  await ensureLibrary();
  const versions = await prisma.scenarioVersion.findMany({
    orderBy: [{ scenarioSlug: "asc" }, { number: "desc" }],
    select: { id: true, scenarioSlug: true, number: true, title: true, publishedAt: true, origin: true },
  });
  const latest = new Map<string, (typeof versions)[number]>();
  for (const v of versions) if (!latest.has(v.scenarioSlug)) latest.set(v.scenarioSlug, v);
  const scenarioFiles = new Map(contentScenarioFiles().map((f) => [path.basename(f, ".yaml"), f]));
  const slugs = [...new Set([...latest.keys(), ...scenarioFiles.keys()])].sort();
  const scenarios = slugs.map((slug) => {
    const file = scenarioFiles.get(slug);
    const shown = file && path.relative(process.cwd(), file);
    const source = file ? fs.readFileSync(file, "utf8") : null;
    const check = shown && source !== null ? compileScenarioCached(shown, source) : null;
    const strategy = shown && source !== null && check?.compiled ? scenarioStrategyCached(shown, source) : null;
    const v = latest.get(slug);
    return {
      slug,
      title: v?.title ?? check?.compiled?.scenario.title ?? slug,
      version: v?.number ?? null,
      publishedAt: v?.publishedAt ?? null,
      errors: check?.issues.filter((i) => i.severity === "error").length ?? 0,
      warnings: check?.issues.filter((i) => i.severity === "warning").length ?? 0,
      decisionNodes: check?.compiled?.decisionNodes ?? null,
      strategy: strategy && {
        missed: strategy.checks.filter((c) => !c.ok).length,
        of: strategy.checks.length,
        severity: strategySeverity(true),
      },
    };
  });
  const modules = (await allModules()).map((m) => ({
    slug: m.slug,
    title: m.compiled?.frontmatter.title ?? m.slug,
    order: m.compiled?.frontmatter.order ?? null,
    errors: m.issues.filter((i) => i.severity === "error").length,
    warnings: m.issues.filter((i) => i.severity === "warning").length,
    file: m.file,
  }));
  return { scenarios, modules };
}

/** The studio's front page: the library, and the agency's drafts with their authors (and whether each is the reader's). */
export async function studioHome(user: SessionUser) {
  const [library, drafts] = await Promise.all([studioLibrary(), listDrafts(user)]);
  const people = await namesOf(drafts.map((d) => d.authorId));
  return {
    ...library,
    drafts: drafts.map((d) => ({
      ...d,
      authorName: people.get(d.authorId) ?? "Unknown",
      mine: d.authorId === user.id,
    })),
  };
}
