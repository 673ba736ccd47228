// Work that one process at a time may do across every process sharing the database (start-up content sync).
// On PostgreSQL a session advisory lock on a connection of its own, held while `work` runs on the usual ones;
// a SQLite file is served by one process (npm start), so there the work simply runs.
import pg from "pg";
import { databaseUrl } from "./database-url.js";
import { engine, type Tx } from "./db.server";

export async function withExclusiveLock<T>(name: string, work: () => Promise<T>): Promise<T> {
  if (engine !== "postgres") return work();
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock(hashtext($1))", [`circlekeeper:${name}`]);
    return await work();
  } finally {
    // Closing the connection releases the lock, also when `work` failed.
    await client.end();
  }
}

/**
 * Inside a transaction that decides from what it reads (sign-off, publication): waits until no other transaction
 * holds `name`, then holds it until this one commits or rolls back, so the next one reads what this one wrote.
 * PostgreSQL's READ COMMITTED lets two such transactions read the same state and both write; a transaction-level
 * advisory lock serializes them across every process. SQLite runs one writing transaction at a time already.
 * Call it first in the transaction: what was read before it may be stale.
 */
export async function serializeOn(tx: Tx, name: string): Promise<void> {
  if (engine !== "postgres") return;
  await tx.$queryRawUnsafe("SELECT 1 AS held FROM pg_advisory_xact_lock(hashtext($1))", `circlekeeper:${name}`);
}
