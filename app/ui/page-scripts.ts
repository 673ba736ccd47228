// Public pages (sign-in, certificate verification) are plain HTML forms and facts: they work with no JavaScript,
// so they ship none. A route says so with `export const handle = NO_SCRIPTS`; root.tsx then leaves out the scripts.
import { useMatches } from "@remix-run/react";

export const NO_SCRIPTS = { scripts: false } as const;

function wantsNoScripts(handle: unknown): boolean {
  return typeof handle === "object" && handle !== null && (handle as { scripts?: unknown }).scripts === false;
}

/**
 * Whether this page's HTML should load the app's scripts. Only the server's render leaves them out: a page reached
 * by a client-side move already runs the app, which keeps its script elements.
 */
export function usePageScripts(): boolean {
  const matches = useMatches();
  if (typeof document !== "undefined") return true;
  return !matches.some((m) => wantsNoScripts(m.handle));
}
