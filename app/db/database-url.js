// The one place that decides where the SQLite database lives. Plain JS so that
// prisma.config.ts, the start script and the app all share it.
import path from "node:path";

export const DEFAULT_DATABASE_URL = "file:./data/circlekeeper.db";

/** The database file path, resolved against the working directory. */
export function databasePath(url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL) {
  const raw = url.replace(/^file:/, "");
  return raw === ":memory:" ? raw : path.resolve(raw);
}

/**
 * Which engine a DATABASE_URL names: `postgresql://` (or `postgres://`) is PostgreSQL, anything else a SQLite file.
 * @returns {"sqlite" | "postgres"}
 */
export function databaseEngine(url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL) {
  return /^postgres(ql)?:\/\//.test(url) ? "postgres" : "sqlite";
}

/** The DATABASE_URL in force (the SQLite default when unset). */
export function databaseUrl() {
  return process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
}
