// Compiled content on disk, keyed by a hash of the source and the compiler's version. `npm run build`
// fills it; a server finds everything there and never compiles on a request.
import fs from "node:fs";
import path from "node:path";
import { threadId } from "node:worker_threads";
import type { ContentIssue } from "./issues";

/** A source compiled through this cache: its hash, the compiled form (null if it has errors), and its issues. */
export interface Compiled<T> {
  hash: string;
  compiled: T | null;
  issues: ContentIssue[];
}

/** CONTENT_CACHE=off compiles everything afresh (for measuring). */
export const CACHE_ENABLED = process.env.CONTENT_CACHE !== "off";

export const CACHE_DIR = path.resolve(process.env.CONTENT_CACHE_DIR ?? ".cache/content");

export function readCached<T>(kind: string, hash: string): T | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(CACHE_DIR, kind, `${hash}.json`), "utf8")) as T;
  } catch {
    return null;
  }
}

export function writeCached(kind: string, hash: string, value: unknown): void {
  const dir = path.join(CACHE_DIR, kind);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${hash}.json`);
  // The studio's checker writes from its worker thread: the temporary name is per thread, not only per process.
  const temp = `${file}.${process.pid}-${threadId}.tmp`;
  fs.writeFileSync(temp, JSON.stringify(value));
  fs.renameSync(temp, file);
}
