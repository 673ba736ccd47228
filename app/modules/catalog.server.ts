// The module library officers read: the latest published version of each module (library.server.ts), compiled
// through the on-disk cache by content hash (filled by `npm run build` and by publishing), and kept in memory
// until a version is published. A content file that does not compile and was never published is listed with its
// issues for trainers. Development also notices edited files on the next request.
import fs from "node:fs";
import path from "node:path";
import type { ContentIssue } from "../content/issues";
import type { CompiledModule } from "./compile.server";
import { compileModuleCached } from "./compiled.server";
import {
  contentModuleFiles,
  ensureModuleLibrary,
  latestModuleVersions,
  moduleFile,
  MODULES_DIR,
  publishedVersionCount,
} from "./library.server";

export interface ModuleEntry {
  slug: string;
  file: string;
  hash: string;
  compiled: CompiledModule | null;
  issues: ContentIssue[];
  /** the published version read (null: a content file that was never published) */
  versionId: string | null;
  versionNumber: number | null;
}

const watching = process.env.NODE_ENV !== "production";

let loaded: { count: number; entries: Promise<ModuleEntry[]> } | null = null;
let signature = "";

function currentSignature(): string {
  return contentModuleFiles()
    .map((f) => `${f}:${fs.statSync(path.join(MODULES_DIR, f)).mtimeMs}`)
    .join("|");
}

/** Content files with no published version: they failed to compile, and trainers see why. */
async function unpublishedFiles(published: ReadonlySet<string>): Promise<ModuleEntry[]> {
  const entries: ModuleEntry[] = [];
  for (const name of contentModuleFiles()) {
    const slug = path.basename(name, ".mdx");
    if (published.has(slug)) continue;
    const file = moduleFile(slug);
    const record = await compileModuleCached(file, fs.readFileSync(path.join(MODULES_DIR, name), "utf8"));
    entries.push({ slug, file, ...record, versionId: null, versionNumber: null });
  }
  return entries;
}

async function loadAll(): Promise<ModuleEntry[]> {
  const versions = await latestModuleVersions();
  const entries: ModuleEntry[] = [];
  for (const v of versions) {
    const file = moduleFile(v.moduleSlug);
    const record = await compileModuleCached(file, v.source);
    entries.push({ slug: v.moduleSlug, file, ...record, versionId: v.id, versionNumber: v.number });
  }
  entries.push(...(await unpublishedFiles(new Set(versions.map((v) => v.moduleSlug)))));
  return entries.sort(
    (a, b) =>
      (a.compiled?.frontmatter.order ?? 999) - (b.compiled?.frontmatter.order ?? 999) || a.slug.localeCompare(b.slug),
  );
}

/** All modules, broken ones included (with their issues), in catalogue order. */
export async function allModules(): Promise<ModuleEntry[]> {
  let resync = false;
  if (watching) {
    const now = currentSignature();
    if (now !== signature) {
      signature = now;
      resync = true;
    }
  }
  await ensureModuleLibrary(resync);
  const count = await publishedVersionCount();
  if (!loaded || loaded.count !== count || resync) {
    const entries = loadAll();
    loaded = { count, entries };
    // A failed load is not kept: the next request tries again.
    entries.catch(() => {
      if (loaded?.entries === entries) loaded = null;
    });
  }
  return loaded.entries;
}

/** Modules an officer may see: only those that compiled. */
export async function publishedModules(): Promise<(ModuleEntry & { compiled: CompiledModule })[]> {
  return (await allModules()).filter((m): m is ModuleEntry & { compiled: CompiledModule } => m.compiled !== null);
}

export async function findModule(slug: string): Promise<ModuleEntry | null> {
  return (await allModules()).find((m) => m.slug === slug) ?? null;
}
