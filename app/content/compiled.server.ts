// Compiling content through the on-disk cache: one compile per source hash, shared by the content
// check, the build and the server. CONTENT_CACHE=off compiles everything afresh (for measuring).
import type { ContentIssue } from "./issues";
import { readCached, writeCached } from "./cache.server";
import { contentHash } from "./hash.server";
import { compileModule, MODULE_COMPILER_VERSION, type CompiledModule } from "../modules/compile.server";
import { compileScenario, SCENARIO_COMPILER_VERSION, type CompiledScenario } from "../scenarios/compile";

export interface Compiled<T> {
  hash: string;
  compiled: T | null;
  issues: ContentIssue[];
}

const useCache = process.env.CONTENT_CACHE !== "off";

export function scenarioHash(source: string): string {
  return contentHash(source, SCENARIO_COMPILER_VERSION);
}

export function moduleHash(source: string): string {
  return contentHash(source, MODULE_COMPILER_VERSION);
}

export function compileScenarioCached(file: string, source: string): Compiled<CompiledScenario> {
  const hash = scenarioHash(source);
  const cached = useCache ? readCached<Omit<Compiled<CompiledScenario>, "hash">>("scenarios", hash) : null;
  if (cached) return { ...cached, hash, issues: cached.issues.map((i) => ({ ...i, file })) };
  const record = compileScenario(file, source);
  writeCached("scenarios", hash, record);
  return { ...record, hash };
}

/** Keeps a scenario compiled elsewhere (the studio's checker), so publishing it later finds it here. */
export function rememberCompiledScenario(source: string, record: Omit<Compiled<CompiledScenario>, "hash">): void {
  writeCached("scenarios", scenarioHash(source), record);
}

export async function compileModuleCached(file: string, source: string): Promise<Compiled<CompiledModule>> {
  const hash = moduleHash(source);
  const cached = useCache ? readCached<Omit<Compiled<CompiledModule>, "hash">>("modules", hash) : null;
  if (cached) return { ...cached, hash, issues: cached.issues.map((i) => ({ ...i, file })) };
  const record = await compileModule(file, source);
  writeCached("modules", hash, record);
  return { ...record, hash };
}
