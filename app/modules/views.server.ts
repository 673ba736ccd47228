// What the module pages show, assembled from the library and the officer's progress.
import type { SessionUser } from "../auth/roles";
import { can } from "../auth/roles";
import { allModules, publishedModules } from "./catalog.server";
import { knowledgeCheckView } from "./check-attempts.server";
import { markOpened, progressByModule, statusOf } from "./progress.server";

export async function moduleCatalogue(user: SessionUser) {
  const [modules, progress] = await Promise.all([publishedModules(), progressByModule(user.id)]);
  const items = modules.map((m) => {
    const row = progress.get(m.slug);
    const f = m.compiled.frontmatter;
    return {
      slug: m.slug,
      title: f.title,
      order: f.order,
      summary: f.summary,
      estimatedMinutes: f.estimatedMinutes,
      competencies: f.competencies,
      prerequisites: f.prerequisites,
      status: statusOf(row),
      bestScore: row?.bestScore ?? null,
    };
  });
  const passed = new Set(items.filter((i) => i.status === "passed").map((i) => i.slug));
  const next = items.find((i) => i.status !== "passed" && i.prerequisites.every((p) => passed.has(p))) ?? null;
  const broken = can(user.role, "studio:use")
    ? (await allModules()).filter((m) => !m.compiled).map((m) => ({ slug: m.slug, file: m.file, issues: m.issues }))
    : [];
  return { items, next: next?.slug ?? null, passedCount: passed.size, broken };
}

export type ModulePage =
  | { kind: "broken"; slug: string; file: string; issues: { line: number; message: string; severity: string }[] }
  | Awaited<ReturnType<typeof readyModulePage>>;

type PublishedModule = Awaited<ReturnType<typeof publishedModules>>[number];

/**
 * Everything on a module page that is the same for every officer: the rendered body, contents, objectives,
 * sources, prerequisite titles and neighbours. Built once per module and library, keyed by content hashes
 * (a module's neighbours and prerequisite titles come from other files), so a page computes only the
 * officer's progress around it.
 */
function moduleShell(modules: readonly PublishedModule[], index: number) {
  const entry = modules[index]!;
  const f = entry.compiled.frontmatter;
  const titles = new Map(modules.map((m) => [m.slug, m.compiled.frontmatter.title]));
  const neighbour = (m: PublishedModule | undefined) =>
    m ? { slug: m.slug, title: m.compiled.frontmatter.title } : null;
  return {
    slug: entry.slug,
    title: f.title,
    summary: f.summary,
    estimatedMinutes: f.estimatedMinutes,
    objectives: f.objectives,
    competencies: f.competencies,
    sources: f.sources,
    prerequisites: f.prerequisites.map((p) => ({ slug: p, title: titles.get(p) ?? p })),
    html: entry.compiled.html,
    toc: entry.compiled.toc,
    previous: neighbour(modules[index - 1]),
    next: neighbour(modules[index + 1]),
  };
}

type ModuleShell = ReturnType<typeof moduleShell>;
const shells = new Map<string, { library: string; shell: ModuleShell }>();

function cachedShell(modules: readonly PublishedModule[], index: number): ModuleShell {
  const library = modules.map((m) => m.hash).join(" ");
  const key = modules[index]!.hash;
  const hit = shells.get(key);
  if (hit && hit.library === library) return hit.shell;
  const shell = moduleShell(modules, index);
  shells.set(key, { library, shell });
  return shell;
}

async function readyModulePage(user: SessionUser, slug: string, now: Date) {
  const modules = await publishedModules();
  const index = modules.findIndex((m) => m.slug === slug);
  const entry = modules[index]!;
  const shell = cachedShell(modules, index);
  const progress = await progressByModule(user.id);
  const row = progress.get(slug);
  if (!row) await markOpened(user.id, slug);
  const opened = new Map([...progress, [slug, row ?? { status: "in_progress" }]]);
  const check = await knowledgeCheckView(user, entry, opened, now);
  return {
    kind: "ready" as const,
    ...shell,
    prerequisites: shell.prerequisites.map((p) => ({ ...p, passed: progress.get(p.slug)?.status === "passed" })),
    check,
    status: statusOf(row ?? { status: "in_progress" }),
    bestScore: row?.bestScore ?? null,
    lastAnchor: row?.status === "passed" ? null : (row?.lastAnchor ?? null),
  };
}

/** The module page, a trainer's error preview for a broken module, or null (404). */
export async function modulePage(user: SessionUser, slug: string, now = new Date()): Promise<ModulePage | null> {
  const entry = (await allModules()).find((m) => m.slug === slug);
  if (!entry) return null;
  if (!entry.compiled) {
    if (!can(user.role, "studio:use")) return null;
    return {
      kind: "broken",
      slug,
      file: entry.file,
      issues: entry.issues.map((i) => ({ line: i.line, message: i.message, severity: i.severity })),
    };
  }
  return readyModulePage(user, slug, now);
}
