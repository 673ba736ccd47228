import { createContext, useContext } from "react";

/**
 * The module body for server rendering of a document. Carried beside the loader data, not in it, so the
 * 50 kB of HTML is not sent twice (once rendered, once again for hydration).
 */
const ModuleHtmlContext = createContext<{ before: string; after: string } | undefined>(undefined);
export const ModuleHtmlProvider = ModuleHtmlContext.Provider;
export function useServerModuleHtml() {
  return useContext(ModuleHtmlContext);
}
