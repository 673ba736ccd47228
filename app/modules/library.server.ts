// The published module library: numbered, immutable versions in the database, like scenarios'. Files in
// content/modules are the seed: at start-up a file whose text no version of its module holds becomes the next
// version (so a module published in the studio stays published when its older file is still on disk). Trainers
// publish further versions through the studio's review; `npm run content:export` writes the latest back to files.
// See docs/decisions/0330-module-versions-in-the-database.md.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { formatIssue } from "../content/issues";
import { CONTENT_DIR } from "../content/paths.server";
import { prisma, type Tx } from "../db/db.server";
import { Prisma } from "../db/generated/client";
import { sqlRow } from "../db/sql.server";
import { compileModuleCached } from "./compiled.server";

export const MODULES_DIR = path.join(CONTENT_DIR, "modules");

/**
 * The file name a module's text is compiled (and exported) under, whatever its origin: every version is held to
 * the library's rules, and the compiled form is cached by the same hash as the file's.
 */
export function moduleFile(slug: string): string {
  return path.join("content", "modules", `${slug}.mdx`);
}

/** What names one text of a module: a file holding a version's text is not imported again. */
export function moduleTextHash(source: string): string {
  return crypto.createHash("sha256").update(source).digest("hex");
}

export function contentModuleFiles(): string[] {
  if (!fs.existsSync(MODULES_DIR)) return [];
  return fs
    .readdirSync(MODULES_DIR)
    .filter((f) => f.endsWith(".mdx"))
    .sort();
}

export interface NewModuleVersion {
  slug: string;
  source: string;
  title: string;
  origin: "content" | "studio";
  authorId: string | null;
  reviewerId: string | null;
}

/** The next numbered version of a module, inside the caller's transaction. */
export async function publishModuleVersion(tx: Tx, input: NewModuleVersion) {
  const last = await tx.moduleVersion.findFirst({
    where: { moduleSlug: input.slug },
    orderBy: { number: "desc" },
    select: { number: true },
  });
  return tx.moduleVersion.create({
    data: {
      moduleSlug: input.slug,
      number: (last?.number ?? 0) + 1,
      hash: moduleTextHash(input.source),
      source: input.source,
      origin: input.origin,
      title: input.title,
      authorId: input.authorId,
      reviewerId: input.reviewerId,
    },
  });
}

/** Imports one content file as a version when its text is new; a file with errors is logged and not published. */
async function importFile(name: string): Promise<void> {
  const slug = path.basename(name, ".mdx");
  const source = fs.readFileSync(path.join(MODULES_DIR, name), "utf8");
  const held = await prisma.moduleVersion.findFirst({
    where: { moduleSlug: slug, hash: moduleTextHash(source) },
    select: { id: true },
  });
  if (held) return;
  const { compiled, issues } = await compileModuleCached(moduleFile(slug), source);
  if (!compiled) {
    console.error(`Module ${moduleFile(slug)} has errors and is not published:\n${issues.map(formatIssue).join("\n")}`);
    return;
  }
  const input = { slug, source, title: compiled.frontmatter.title, origin: "content" as const };
  try {
    await prisma.$transaction((tx) => publishModuleVersion(tx, { ...input, authorId: null, reviewerId: null }));
  } catch (error) {
    // Another process imported the same file at the same moment: its version stands.
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
  }
}

let synced: Promise<void> | null = null;

/** Once per process (and again when `resync` says the files changed): content/modules into the version table. */
export function ensureModuleLibrary(resync = false): Promise<void> {
  if (resync) synced = null;
  synced ??= (async () => {
    for (const name of contentModuleFiles()) await importFile(name);
  })().catch((error) => {
    synced = null;
    throw error;
  });
  return synced;
}

/**
 * How many versions are published, read on the reader connection in microseconds: versions are only ever added,
 * so a changed count is how every process notices a publication and reloads its compiled library.
 */
export async function publishedVersionCount(): Promise<number> {
  return (await sqlRow<{ n: number }>('SELECT COUNT(*) AS n FROM "ModuleVersion"'))?.n ?? 0;
}

/** The latest version of every module, with its text. */
export async function latestModuleVersions() {
  const rows = await prisma.moduleVersion.findMany({
    orderBy: [{ moduleSlug: "asc" }, { number: "desc" }],
    select: { id: true, moduleSlug: true, number: true },
  });
  const latest = new Map<string, string>();
  for (const row of rows) if (!latest.has(row.moduleSlug)) latest.set(row.moduleSlug, row.id);
  return prisma.moduleVersion.findMany({
    where: { id: { in: [...latest.values()] } },
    select: { id: true, moduleSlug: true, number: true, source: true },
  });
}

const VERSION_FIELDS = {
  id: true,
  moduleSlug: true,
  number: true,
  title: true,
  publishedAt: true,
  origin: true,
  authorId: true,
  reviewerId: true,
} as const;

/** A module's versions, newest first (none: no such module). */
export async function moduleVersions(slug: string) {
  await ensureModuleLibrary();
  return prisma.moduleVersion.findMany({
    where: { moduleSlug: slug },
    orderBy: { number: "desc" },
    select: VERSION_FIELDS,
  });
}

/** One version with its text, by module and number. */
export async function moduleVersionByNumber(slug: string, number: number) {
  if (!Number.isInteger(number) || number < 1) return null;
  await ensureModuleLibrary();
  return prisma.moduleVersion.findUnique({
    where: { moduleSlug_number: { moduleSlug: slug, number } },
    select: { ...VERSION_FIELDS, source: true },
  });
}

/**
 * Writes the latest published version of every module to `dir` as `<slug>.mdx` (the export format, which the
 * start-up import reads back unchanged). Only files whose text differs are written; returns their names.
 */
export async function exportModuleLibrary(dir: string = MODULES_DIR): Promise<string[]> {
  await ensureModuleLibrary();
  fs.mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const v of await latestModuleVersions()) {
    const file = path.join(dir, `${v.moduleSlug}.mdx`);
    const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : null;
    if (current === v.source) continue;
    fs.writeFileSync(file, v.source);
    written.push(`${v.moduleSlug}.mdx (v${v.number})`);
  }
  return written.sort();
}
