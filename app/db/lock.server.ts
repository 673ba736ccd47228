// Work that one process at a time may do across every process sharing the database (start-up content sync).
// On PostgreSQL a session advisory lock on a connection of its own, held while `work` runs on the usual ones;
// a SQLite file is served by one process (npm start), so there the work simply runs.
import pg from "pg";
import { databaseUrl } from "./database-url.js";
import { engine } from "./db.server";

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
