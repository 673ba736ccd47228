// What server.js hands to every loader and action.
declare module "@remix-run/node" {
  interface AppLoadContext {
    cspNonce?: string;
    clientAddress?: string;
    /** Resolves when the response has room for more (streamed exports wait on it between chunks). */
    waitForDrain?: () => Promise<void>;
    /** A module body rendered into the document but kept out of the hydration data (see modules.$slug). */
    moduleHtml?: { before: string; after: string };
  }
}
export {};
