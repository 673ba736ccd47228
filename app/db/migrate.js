// Applies the committed Prisma migrations with better-sqlite3, recording them in Prisma's own
// `_prisma_migrations` table (so `prisma migrate status` agrees). Runs at every start in a few
// milliseconds, where the Prisma CLI would take seconds.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, "../../prisma/migrations");
export const PG_MIGRATIONS_DIR = path.resolve(import.meta.dirname, "../../prisma/postgres/migrations");
/** The advisory lock that lets one process at a time migrate a PostgreSQL database. */
const PG_MIGRATION_LOCK = 2_026_120_410;

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

/** @param {string} migrationsDir */
function migrationNames(migrationsDir) {
  return fs
    .readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
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
  const names = migrationNames(migrationsDir);
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

/**
 * Applies pending PostgreSQL migrations (prisma/postgres/migrations), each in its own transaction, recording them
 * in `_prisma_migrations`. An advisory lock makes processes that start together take turns: the first migrates,
 * the others then find nothing left to do. Returns the names applied.
 * @param {pg.ClientBase} client
 * @param {string} [migrationsDir]
 * @returns {Promise<string[]>}
 */
export async function migratePostgres(client, migrationsDir = PG_MIGRATIONS_DIR) {
  await client.query("SELECT pg_advisory_lock($1)", [PG_MIGRATION_LOCK]);
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0
    )`);
    const { rows } = await client.query(
      `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const applied = new Set(rows.map((row) => row.migration_name));
    const done = [];
    for (const name of migrationNames(migrationsDir)) {
      if (applied.has(name)) continue;
      const sql = fs.readFileSync(path.join(migrationsDir, name, "migration.sql"), "utf8");
      await inPgTransaction(client, async () => {
        await client.query(sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
           VALUES ($1, $2, now(), $3, now(), 1)`,
          [crypto.randomUUID(), checksum(sql), name],
        );
      });
      done.push(name);
    }
    return done;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [PG_MIGRATION_LOCK]);
  }
}

/**
 * @param {pg.ClientBase} client
 * @param {() => Promise<void>} work
 */
async function inPgTransaction(client, work) {
  await client.query("BEGIN");
  try {
    await work();
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  }
}

/** A single PostgreSQL connection, for start-up work. @param {string} url */
export async function connectPostgres(url) {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    throw new DatabaseStartupError(
      `Cannot reach the PostgreSQL database at ${url.replace(/\/\/[^@/]*@/, "//…@")} (${/** @type {Error} */ (error).message}).`,
    );
  }
  return client;
}
