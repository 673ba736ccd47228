// The one place that decides where the SQLite database lives. Plain JS so that
// prisma.config.ts, the start script and the app all share it.
import path from "node:path";

export const DEFAULT_DATABASE_URL = "file:./data/circlekeeper.db";

/** The database file path, resolved against the working directory. */
export function databasePath(url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL) {
  const raw = url.replace(/^file:/, "");
  return raw === ":memory:" ? raw : path.resolve(raw);
}
