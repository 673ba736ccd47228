// Compiling scenarios through the content cache (app/content/cache.server.ts): one compile per source hash,
// shared by the content check, the build, the studio and the server.
import { CACHE_ENABLED, readCached, writeCached, type Compiled } from "../content/cache.server";
import { contentHash } from "../content/hash.server";
import { compileScenario, SCENARIO_COMPILER_VERSION, type CompiledScenario } from "./compile";
import { STRATEGY_REPORT_VERSION } from "./strategy";
import { validateScenario, type ScenarioStrategy } from "./validate";

export function scenarioHash(source: string): string {
  return contentHash(source, SCENARIO_COMPILER_VERSION);
}

export function compileScenarioCached(file: string, source: string): Compiled<CompiledScenario> {
  const hash = scenarioHash(source);
  const cached = CACHE_ENABLED ? readCached<Omit<Compiled<CompiledScenario>, "hash">>("scenarios", hash) : null;
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
  const cached = CACHE_ENABLED ? readCached<{ strategy: ScenarioStrategy | null }>("scenario-strategy", hash) : null;
  if (cached) return cached.strategy;
  const { strategy } = validateScenario(file, source);
  writeCached("scenario-strategy", hash, { strategy });
  return strategy;
}

/** Keeps a scenario compiled elsewhere (the studio's checker), so publishing it later finds it here. */
export function rememberCompiledScenario(source: string, record: Omit<Compiled<CompiledScenario>, "hash">): void {
  writeCached("scenarios", scenarioHash(source), record);
}
