// At start-up, before the first request: read the compiled modules and sync the scenario library, so no
// request waits for either.
import { allModules } from "../modules/catalog.server";
import { ensureLibrary } from "../scenarios/library.server";

let warming: Promise<void> | null = null;

export function warmContent(): Promise<void> {
  warming ??= Promise.all([allModules(), ensureLibrary()]).then(
    () => undefined,
    (error) => console.error("Warming content failed (it will be retried on first use):", error),
  );
  return warming;
}
