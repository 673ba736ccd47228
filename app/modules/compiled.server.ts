// Compiling modules through the content cache (app/content/cache.server.ts): one compile per source hash,
// shared by the content check, the build and the server.
import { CACHE_ENABLED, readCached, writeCached, type Compiled } from "../content/cache.server";
import { contentHash } from "../content/hash.server";
import { compileModule, MODULE_COMPILER_VERSION, type CompiledModule } from "./compile.server";
import { bankRulesEnforced, QUESTION_BANK_FORMAT } from "./question-bank";

/** Also keyed by whether the file is held to the question-bank rules: they decide its issues. */
export function moduleHash(source: string, file: string): string {
  return contentHash(
    source,
    MODULE_COMPILER_VERSION,
    QUESTION_BANK_FORMAT,
    bankRulesEnforced(file) ? "bank-rules" : "bank-warnings",
  );
}

export async function compileModuleCached(file: string, source: string): Promise<Compiled<CompiledModule>> {
  const hash = moduleHash(source, file);
  const cached = CACHE_ENABLED ? readCached<Omit<Compiled<CompiledModule>, "hash">>("modules", hash) : null;
  if (cached) return { ...cached, hash, issues: cached.issues.map((i) => ({ ...i, file })) };
  const record = await compileModule(file, source);
  writeCached("modules", hash, record);
  return { ...record, hash };
}
