// The published scenario library. Scenarios shipped in content/scenarios become numbered versions in the
// database (version 1 on first start; a changed file becomes the next version). Every version stores its
// compiled form, so playing never compiles.
import fs from "node:fs";
import path from "node:path";
import { formatIssue } from "../content/issues";
import { CONTENT_DIR } from "../content/paths.server";
import { prisma, type Tx } from "../db/db.server";
import { withExclusiveLock } from "../db/lock.server";
import type { CompiledScenario } from "./compile";
import { compileScenarioCached, scenarioHash } from "./compiled.server";

/** Compiles through the on-disk cache; a broken scenario is logged and not published. */
export function compileCached(file: string, source: string): CompiledScenario | null {
  const { compiled, issues } = compileScenarioCached(file, source);
  if (!compiled)
    console.error(`Scenario ${file} has errors and is not published:\n${issues.map(formatIssue).join("\n")}`);
  return compiled;
}

export function contentScenarioFiles(): string[] {
  const dir = path.join(CONTENT_DIR, "scenarios");
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => path.join(dir, f));
}

async function syncContentScenarios(): Promise<void> {
  for (const file of contentScenarioFiles()) {
    const source = fs.readFileSync(file, "utf8");
    const hash = scenarioHash(source);
    const slug = path.basename(file, ".yaml");
    const existing = await prisma.scenarioVersion.findFirst({
      where: { scenarioSlug: slug, hash },
      select: { id: true },
    });
    if (existing) continue;
    const compiled = compileCached(path.relative(process.cwd(), file), source);
    if (!compiled) continue;
    await publishVersion({ slug, source, hash, compiled, origin: "content", authorId: null, reviewerId: null });
  }
}

/** The next numbered version of a scenario; inside `tx` when the caller's other writes must commit with it. */
export async function publishVersion(
  input: {
    slug: string;
    source: string;
    hash: string;
    compiled: CompiledScenario;
    origin: "content" | "studio";
    authorId: string | null;
    reviewerId: string | null;
  },
  tx?: Tx,
) {
  const publish = async (tx: Tx) => {
    const last = await tx.scenarioVersion.findFirst({
      where: { scenarioSlug: input.slug },
      orderBy: { number: "desc" },
      select: { number: true },
    });
    return tx.scenarioVersion.create({
      data: {
        scenarioSlug: input.slug,
        number: (last?.number ?? 0) + 1,
        hash: input.hash,
        source: input.source,
        compiled: JSON.stringify(input.compiled),
        origin: input.origin,
        title: input.compiled.scenario.title,
        authorId: input.authorId,
        reviewerId: input.reviewerId,
      },
    });
  };
  return tx ? publish(tx) : prisma.$transaction(publish);
}

let synced: Promise<void> | null = null;
/**
 * Once per process: bring content/scenarios into the version table. Processes starting together take turns
 * (each checks by hash first), so a changed file becomes exactly one new version.
 */
export function ensureLibrary(): Promise<void> {
  synced ??= withExclusiveLock("content-sync", syncContentScenarios).catch((error) => {
    synced = null;
    throw error;
  });
  return synced;
}

// Versions are immutable, so what is read once is kept for the life of the process.
const versions = new Map<string, LoadedVersion>();

export interface LoadedVersion {
  id: string;
  compiled: CompiledScenario;
  number: number;
  slug: string;
}

export async function loadVersion(versionId: string): Promise<LoadedVersion | null> {
  const known = versions.get(versionId);
  if (known) return known;
  const row = await prisma.scenarioVersion.findUnique({
    where: { id: versionId },
    select: { number: true, scenarioSlug: true, compiled: true },
  });
  if (!row) return null;
  const loaded = {
    id: versionId,
    compiled: JSON.parse(row.compiled) as CompiledScenario,
    number: row.number,
    slug: row.scenarioSlug,
  };
  versions.set(versionId, loaded);
  return loaded;
}

/** The latest version of every scenario, in title order. */
/** Scenario titles by slug, read before any transaction (the transaction holds the only writer). */
export async function scenarioTitles(): Promise<(slug: string) => string> {
  const titles = new Map((await latestVersions()).map((v) => [v.scenarioSlug, v.title]));
  return (slug) => titles.get(slug) ?? slug;
}

export async function latestVersions() {
  await ensureLibrary();
  const rows = await prisma.scenarioVersion.findMany({
    orderBy: [{ scenarioSlug: "asc" }, { number: "desc" }],
    select: { id: true, scenarioSlug: true, number: true, title: true, publishedAt: true },
  });
  const latest = new Map<string, (typeof rows)[number]>();
  for (const row of rows) if (!latest.has(row.scenarioSlug)) latest.set(row.scenarioSlug, row);
  return [...latest.values()];
}

export async function latestVersionOf(slug: string) {
  await ensureLibrary();
  return prisma.scenarioVersion.findFirst({
    where: { scenarioSlug: slug },
    orderBy: { number: "desc" },
    select: { id: true, number: true, title: true },
  });
}
