import path from "node:path";

/** Where trainers' content lives (CONTENT_DIR overrides, for tests). */
export const CONTENT_DIR = path.resolve(process.env.CONTENT_DIR ?? "content");
