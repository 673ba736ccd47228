// `npm run db:backup [-- <file>]`: a consistent copy of the SQLite database, taken while the server runs.
// SQLite's online backup copies every page inside one read transaction, so the copy is the database as it was
// at one moment, with every committed write up to then and none after (in WAL mode the server keeps writing
// meanwhile). The copy is then made self-contained (no -wal file) and checked.
// Default destination: backups/circlekeeper-<UTC timestamp>.db under the working directory.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { databasePath } from "../app/db/database-url.js";

const source = databasePath();
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const target = path.resolve(process.argv[2] ?? path.join("backups", `circlekeeper-${stamp}.db`));

/**
 * @param {string} message
 * @returns {never}
 */
function fail(message) {
  console.error(`db:backup: ${message}`);
  process.exit(1);
}

if (source === ":memory:") fail("DATABASE_URL points at an in-memory database; there is nothing to back up.");
if (!fs.existsSync(source))
  fail(`there is no database at ${source} (DATABASE_URL=${process.env.DATABASE_URL ?? "unset"}).`);
if (fs.existsSync(target)) fail(`${target} already exists; choose another file name.`);
fs.mkdirSync(path.dirname(target), { recursive: true });

const started = performance.now();
const db = new Database(source, { fileMustExist: true, timeout: 10_000 });
try {
  // All remaining pages in one step: one read transaction, so writes in between cannot restart the copy.
  await db.backup(target, { progress: () => 0x7fffffff });
} catch (error) {
  fs.rmSync(target, { force: true });
  fail(`the backup failed: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  db.close();
}

const copy = new Database(target);
try {
  copy.pragma("journal_mode = DELETE");
  const integrity = copy.pragma("integrity_check", { simple: true });
  if (integrity !== "ok") {
    copy.close();
    fs.rmSync(target, { force: true });
    fail(`the copy failed its integrity check (${integrity}); nothing was kept.`);
  }
  const count = (/** @type {string} */ table) => copy.prepare(`SELECT count(*) FROM "${table}"`).pluck().get();
  const bytes = fs.statSync(target).size;
  console.log(
    `Backed up ${source} to ${target} in ${Math.round(performance.now() - started)} ms ` +
      `(${(bytes / 1024 / 1024).toFixed(1)} MB; integrity ok; ${count("User")} users, ${count("Attempt")} attempts, ` +
      `${count("PracticumEntry")} practicum entries, ${count("SignOff")} sign-offs, ${count("AuditEntry")} audit entries).`,
  );
} finally {
  if (copy.open) copy.close();
}
