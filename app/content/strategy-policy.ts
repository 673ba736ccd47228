// How the library answers to the cue and strategy report (app/scenarios/strategy.ts). Drafts always get
// warnings, so authors can work; library scenarios (content/scenarios) get errors once this switch is on,
// and then `npm run content:check` and the build refuse a library scenario that misses a threshold.
import type { Severity } from "./issues";

/** On: every library scenario meets every threshold (issue 12), and a new one must too. */
export const ENFORCE_STRATEGY_THRESHOLDS_IN_LIBRARY = true;

export function strategySeverity(inLibrary: boolean, enforce: boolean = ENFORCE_STRATEGY_THRESHOLDS_IN_LIBRARY): Severity {
  return inLibrary && enforce ? "error" : "warning";
}
