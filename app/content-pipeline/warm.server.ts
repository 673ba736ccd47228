// At start-up, before the first request: read the compiled modules, sync the scenario library and make sure
// every officer has a roster row and every certificate its credential (and, once per database, fill the competency
// summary), so no request waits for any of it.
import { ensureStandings } from "../certification/evidence.server";
import { issueMissingCredentials } from "../credentials/credentials.server";
import { ensureCompetencySummary } from "../insight/competency-summary.server";
import { allModules } from "../modules/catalog.server";
import { ensureLibrary } from "../scenarios/library.server";

let warming: Promise<void> | null = null;

export function warmContent(): Promise<void> {
  warming ??= Promise.all([
    allModules(),
    ensureLibrary(),
    ensureStandings(),
    issueMissingCredentials(),
    ensureCompetencySummary(),
  ]).then(
    () => undefined,
    (error) => console.error("Warming content failed (it will be retried on first use):", error),
  );
  return warming;
}
