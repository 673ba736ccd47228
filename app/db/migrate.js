// Applies the committed Prisma migrations with better-sqlite3, recording them in Prisma's own
// `_prisma_migrations` table (so `prisma migrate status` agrees). Runs at every start in a few
// milliseconds, where the Prisma CLI would take seconds.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, "../../prisma/migrations");

export class DatabaseStartupError extends Error {}

/**
 * Opens the database file with the settings every connection uses: WAL, a busy timeout, full sync.
 * @param {string} file
 * @param {{ readonly?: boolean }} [options]
 */
export function openDatabase(file, { readonly = false } = {}) {
  if (file !== ":memory:") {
    const dir = path.dirname(file);
    try {
      fs.mkdirSync(dir, { recursive: true });
      fs.accessSync(dir, fs.constants.W_OK);
      if (fs.existsSync(file)) fs.accessSync(file, fs.constants.R_OK | fs.constants.W_OK);
    } catch (error) {
      throw new DatabaseStartupError(
        `Cannot use the database at ${file} (${/** @type {NodeJS.ErrnoException} */ (error).code ?? /** @type {Error} */ (error).message}). Set DATABASE_URL=file:/a/writable/path.db or fix the folder's permissions.`,
      );
    }
  }
  const db = new Database(file, { readonly, timeout: 5000 });
  if (!readonly) db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.pragma("foreign_keys = ON");
  return db;
}

/** @param {string} sql */
function checksum(sql) {
  return crypto.createHash("sha256").update(sql).digest("hex");
}

/**
 * Applies pending migrations; returns the names applied.
 * @param {import("better-sqlite3").Database} db
 * @param {string} [migrationsDir]
 * @returns {string[]}
 */
export function migrate(db, migrationsDir = MIGRATIONS_DIR) {
  db.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" TEXT PRIMARY KEY NOT NULL,
    "checksum" TEXT NOT NULL,
    "finished_at" DATETIME,
    "migration_name" TEXT NOT NULL,
    "logs" TEXT,
    "rolled_back_at" DATETIME,
    "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
  )`);
  const applied = new Set(
    db
      .prepare(`SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`)
      .pluck()
      .all(),
  );
  const names = fs
    .readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const done = [];
  for (const name of names) {
    if (applied.has(name)) continue;
    const sql = fs.readFileSync(path.join(migrationsDir, name, "migration.sql"), "utf8");
    const apply = db.transaction(() => {
      db.exec(sql);
      db.prepare(
        `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
         VALUES (?, ?, ?, ?, ?, 1)`,
      ).run(crypto.randomUUID(), checksum(sql), new Date().toISOString(), name, new Date().toISOString());
    });
    apply();
    done.push(name);
  }
  return done;
}
