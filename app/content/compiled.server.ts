// Compiling content through the on-disk cache: one compile per source hash, shared by the content
// check, the build and the server. CONTENT_CACHE=off compiles everything afresh (for measuring).
import type { ContentIssue } from "./issues";
import { readCached, writeCached } from "./cache.server";
import { contentHash } from "./hash.server";
import { compileModule, MODULE_COMPILER_VERSION, type CompiledModule } from "../modules/compile.server";
import { bankRulesEnforced, QUESTION_BANK_FORMAT } from "../modules/question-bank";
import { compileScenario, SCENARIO_COMPILER_VERSION, type CompiledScenario } from "../scenarios/compile";
import { STRATEGY_REPORT_VERSION } from "../scenarios/strategy";
import { validateScenario, type ScenarioStrategy } from "../scenarios/validate";

export interface Compiled<T> {
  hash: string;
  compiled: T | null;
  issues: ContentIssue[];
}

const useCache = process.env.CONTENT_CACHE !== "off";

export function scenarioHash(source: string): string {
  return contentHash(source, SCENARIO_COMPILER_VERSION);
}

/** Also keyed by whether the file is held to the question-bank rules: they decide its issues. */
export function moduleHash(source: string, file: string): string {
  return contentHash(source, MODULE_COMPILER_VERSION, QUESTION_BANK_FORMAT, bankRulesEnforced(file) ? "bank-rules" : "bank-warnings");
}

export function compileScenarioCached(file: string, source: string): Compiled<CompiledScenario> {
  const hash = scenarioHash(source);
  const cached = useCache ? readCached<Omit<Compiled<CompiledScenario>, "hash">>("scenarios", hash) : null;
  if (cached) return { ...cached, hash, issues: cached.issues.map((i) => ({ ...i, file })) };
  const { strategy, ...record } = compileScenario(file, source);
  writeCached("scenarios", hash, record);
  if (record.compiled) writeCached("scenario-strategy", strategyHash(source), { strategy });
  return { ...record, hash };
}

// The strategy report is cached beside the compiled form, not in it: its definitions can change without
// changing the scenario hash, which names published versions.
function strategyHash(source: string): string {
  return contentHash(source, SCENARIO_COMPILER_VERSION, STRATEGY_REPORT_VERSION);
}

/** The cue and strategy report of a scenario that compiles (null if it does not). */
export function scenarioStrategyCached(file: string, source: string): ScenarioStrategy | null {
  const hash = strategyHash(source);
  const cached = useCache ? readCached<{ strategy: ScenarioStrategy | null }>("scenario-strategy", hash) : null;
  if (cached) return cached.strategy;
  const { strategy } = validateScenario(file, source);
  writeCached("scenario-strategy", hash, { strategy });
  return strategy;
}

/** Keeps a scenario compiled elsewhere (the studio's checker), so publishing it later finds it here. */
export function rememberCompiledScenario(source: string, record: Omit<Compiled<CompiledScenario>, "hash">): void {
  writeCached("scenarios", scenarioHash(source), record);
}

export async function compileModuleCached(file: string, source: string): Promise<Compiled<CompiledModule>> {
  const hash = moduleHash(source, file);
  const cached = useCache ? readCached<Omit<Compiled<CompiledModule>, "hash">>("modules", hash) : null;
  if (cached) return { ...cached, hash, issues: cached.issues.map((i) => ({ ...i, file })) };
  const record = await compileModule(file, source);
  writeCached("modules", hash, record);
  return { ...record, hash };
}
