// A read-only better-sqlite3 connection for the hottest reads (the session on every request, the attempt
// on every choice) and for long exports: prepared statements in microseconds, where a Prisma query costs
// about a millisecond. In WAL mode readers never wait for the writer and see every committed write.
// All writes stay on Prisma's connection, so two writers never contend inside one process.
import type { Database, Statement } from "better-sqlite3";
import { databasePath } from "./database-url.js";
import { openDatabase } from "./migrate.js";

const globalForReader = globalThis as unknown as { __circlekeeperReaders?: Map<string, Database> };
const readers = (globalForReader.__circlekeeperReaders ??= new Map());

export function reader(): Database {
  const file = databasePath();
  let db = readers.get(file);
  if (!db) {
    db = openDatabase(file, { readonly: true });
    readers.set(file, db);
  }
  return db;
}

const statements = new WeakMap<Database, Map<string, Statement>>();

/** A prepared statement on the reader, prepared once per connection. */
export function prepared(sql: string): Statement {
  const db = reader();
  let byText = statements.get(db);
  if (!byText) statements.set(db, (byText = new Map()));
  let statement = byText.get(sql);
  if (!statement) byText.set(sql, (statement = db.prepare(sql)));
  return statement;
}

/** Lets the event loop run (sockets drain, other requests proceed) during a long synchronous read. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
