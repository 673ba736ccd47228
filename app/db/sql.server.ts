// Raw SQL on either engine, for the few statements Prisma's query API cannot express or makes too slow. Domain
// code writes each statement once when both engines agree (quoted identifiers, `?` placeholders), or as
// `{ sqlite, postgres }` when they do not (still `?`); this file alone decides which runs and how
// (docs/decisions/0311).
// On SQLite reads use prepared statements on the read-only connection and writes the shared writing connection
// (microseconds each); on PostgreSQL both go through Prisma's pool.
import pg from "pg";
import { databasePath, databaseUrl } from "./database-url.js";
import { engine, prisma, writes, type Tx } from "./db.server";
import { openDatabase } from "./migrate.js";
import { prepared, yieldToEventLoop } from "./reader.server";
import { sqlTime } from "./sql-time";

export type SqlValue = string | number | boolean | null | Date;
/** One text for both engines, or one per engine. */
export type Statement = string | { sqlite: string; postgres: string };

const onPostgres = engine === "postgres";

function textOf(statement: Statement): string {
  const text = typeof statement === "string" ? statement : onPostgres ? statement.postgres : statement.sqlite;
  if (!onPostgres) return text;
  let position = 0;
  return text.replace(/\?/g, () => `$${++position}`);
}

function sqliteValue(value: SqlValue): string | number | null {
  if (value instanceof Date) return sqlTime(value);
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}

/** PostgreSQL counts come back as bigint; callers get numbers from both engines. */
function plainRow<T>(row: Record<string, unknown>): T {
  for (const [key, value] of Object.entries(row)) if (typeof value === "bigint") row[key] = Number(value);
  return row as T;
}

/** The rows of a read. Times come back as `Date` (PostgreSQL) or text (SQLite): read them with `new Date(x)`. */
export async function sqlRows<T>(statement: Statement, ...params: SqlValue[]): Promise<T[]> {
  if (onPostgres) {
    const rows = await prisma.$queryRawUnsafe<Record<string, unknown>[]>(textOf(statement), ...params);
    return rows.map((row) => plainRow<T>(row));
  }
  return prepared(textOf(statement)).all(...params.map(sqliteValue)) as T[];
}

/** The first row of a read, or undefined. */
export async function sqlRow<T>(statement: Statement, ...params: SqlValue[]): Promise<T | undefined> {
  return (await sqlRows<T>(statement, ...params))[0];
}

/** Runs a write on its own (its own transaction); returns the number of rows it changed. */
export async function sqlRun(statement: Statement, ...params: SqlValue[]): Promise<number> {
  if (onPostgres) return prisma.$executeRawUnsafe(textOf(statement), ...params);
  const values = params.map(sqliteValue);
  return writes.run((prepare) => prepare(textOf(statement)).run(...values).changes);
}

/** Runs a write with a RETURNING clause on its own; returns the rows it returned. */
export async function sqlWriteReturning<T>(statement: Statement, ...params: SqlValue[]): Promise<T[]> {
  if (onPostgres) {
    const rows = await prisma.$queryRawUnsafe<Record<string, unknown>[]>(textOf(statement), ...params);
    return rows.map((row) => plainRow<T>(row));
  }
  const values = params.map(sqliteValue);
  return writes.run((prepare) => prepare(textOf(statement)).all(...values) as T[]);
}

/** Runs a write inside the caller's Prisma transaction, so it commits or rolls back with it. */
export async function sqlRunIn(tx: Tx, statement: Statement, ...params: SqlValue[]): Promise<number> {
  if (onPostgres) return tx.$executeRawUnsafe(textOf(statement), ...params);
  const values = params.map(sqliteValue);
  return writes.inTransaction((prepare) => prepare(textOf(statement)).run(...values).changes);
}

/**
 * A long read as rows of values, on a connection of its own (a long export never holds up the shared ones), read
 * in pages between which the event loop runs. Times come back as text in SQLite's form on both engines.
 */
export async function* sqlStream(statement: Statement, params: SqlValue[], page = 2000): AsyncGenerator<unknown[]> {
  if (onPostgres) {
    yield* postgresStream(textOf(statement), params, page);
    return;
  }
  const db = openDatabase(databasePath(), { readonly: true });
  try {
    const rows = db.prepare(textOf(statement)).raw(true);
    let n = 0;
    for (const row of rows.iterate(...params.map(sqliteValue)) as IterableIterator<unknown[]>) {
      yield row;
      if (++n % page === 0) await yieldToEventLoop();
    }
  } finally {
    db.close();
  }
}

// Timestamps without a time zone hold UTC (Prisma writes them so): read them as UTC, whatever the process's zone.
const utcTypes = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === pg.types.builtins.TIMESTAMP
      ? (text: string) => sqlTime(new Date(`${text.replace(" ", "T")}Z`))
      : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
};

async function* postgresStream(text: string, params: SqlValue[], page: number): AsyncGenerator<unknown[]> {
  const client = new pg.Client({ connectionString: databaseUrl(), types: utcTypes });
  await client.connect();
  try {
    await client.query("BEGIN READ ONLY");
    await client.query({ text: `DECLARE export_rows NO SCROLL CURSOR FOR ${text}`, values: params });
    for (;;) {
      const { rows } = await client.query<unknown[]>({ text: `FETCH ${page} FROM export_rows`, rowMode: "array" });
      yield* rows;
      if (rows.length < page) break;
    }
    await client.query("COMMIT");
  } finally {
    await client.end();
  }
}
