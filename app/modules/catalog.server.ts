// The module library, read from content/modules and compiled through the on-disk cache (filled by
// `npm run build`). Production reads it once; development notices edited files on the next request.
import fs from "node:fs";
import path from "node:path";
import type { ContentIssue } from "../content/issues";
import { CONTENT_DIR } from "../content/paths.server";
import type { CompiledModule } from "./compile.server";
import { compileModuleCached } from "./compiled.server";

export interface ModuleEntry {
  slug: string;
  file: string;
  hash: string;
  compiled: CompiledModule | null;
  issues: ContentIssue[];
}

const MODULES_DIR = path.join(CONTENT_DIR, "modules");
const watching = process.env.NODE_ENV !== "production";

let loaded: Promise<ModuleEntry[]> | null = null;
let signature = "";

function currentSignature(): string {
  if (!fs.existsSync(MODULES_DIR)) return "";
  return fs
    .readdirSync(MODULES_DIR)
    .filter((f) => f.endsWith(".mdx"))
    .sort()
    .map((f) => `${f}:${fs.statSync(path.join(MODULES_DIR, f)).mtimeMs}`)
    .join("|");
}

async function loadAll(): Promise<ModuleEntry[]> {
  if (!fs.existsSync(MODULES_DIR)) return [];
  const files = fs
    .readdirSync(MODULES_DIR)
    .filter((f) => f.endsWith(".mdx"))
    .sort();
  const entries: ModuleEntry[] = [];
  for (const name of files) {
    const file = path.join("content", "modules", name);
    const source = fs.readFileSync(path.join(MODULES_DIR, name), "utf8");
    const record = await compileModuleCached(file, source);
    entries.push({
      slug: path.basename(name, ".mdx"),
      file,
      hash: record.hash,
      compiled: record.compiled,
      issues: record.issues,
    });
  }
  return entries.sort(
    (a, b) =>
      (a.compiled?.frontmatter.order ?? 999) - (b.compiled?.frontmatter.order ?? 999) || a.slug.localeCompare(b.slug),
  );
}

/** All modules, broken ones included (with their issues), in catalogue order. */
export function allModules(): Promise<ModuleEntry[]> {
  if (watching) {
    const now = currentSignature();
    if (now !== signature) {
      signature = now;
      loaded = null;
    }
  }
  loaded ??= loadAll();
  return loaded;
}

/** Modules an officer may see: only those that compiled. */
export async function publishedModules(): Promise<(ModuleEntry & { compiled: CompiledModule })[]> {
  return (await allModules()).filter((m): m is ModuleEntry & { compiled: CompiledModule } => m.compiled !== null);
}

export async function findModule(slug: string): Promise<ModuleEntry | null> {
  return (await allModules()).find((m) => m.slug === slug) ?? null;
}
