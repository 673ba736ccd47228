// The one Prisma client of the process: better-sqlite3's driver adapter for a `file:` DATABASE_URL, the pg
// driver adapter for `postgresql://` (docs/decisions/0311). Nothing outside app/db/ asks which engine runs.
import { PrismaPg } from "@prisma/adapter-pg";
import { databaseEngine, databasePath, databaseUrl } from "./database-url.js";
import { PrismaClient } from "./generated/client";
import { PrismaClient as PostgresPrismaClient } from "./generated-pg/client";
import { inOpenTransaction, SharedWriterAdapter, withWriter, type Prepare } from "./writer.server";

/** Which engine this process runs on; only app/db/ reads it. */
export const engine = databaseEngine();

function createClient(): PrismaClient {
  if (engine === "postgres") {
    const adapter = new PrismaPg({
      connectionString: databaseUrl(),
      max: Number(process.env.DATABASE_POOL_SIZE || 10),
    });
    // Each query of a transaction is a network round trip here, where SQLite's are calls in the process: the
    // longest (recomputing an officer's standings) needs more than Prisma's default 5 s on a loaded machine.
    const transactionOptions = { maxWait: 10_000, timeout: 30_000 };
    // Its schema is generated from the SQLite one (docs/decisions/0310): the same models, fields and methods.
    return new PostgresPrismaClient({ adapter, transactionOptions }) as unknown as PrismaClient;
  }
  // The adapter shares its connection with the prepared-statement writes of writer.server.ts.
  const adapter = new SharedWriterAdapter(databasePath(), { timeout: 5000 });
  return new PrismaClient({ adapter });
}

const globalForPrisma = globalThis as unknown as { __circlekeeperPrisma?: Map<string, PrismaClient> };
const clients = (globalForPrisma.__circlekeeperPrisma ??= new Map());
const file = engine === "postgres" ? databaseUrl() : databasePath();
const isNew = !clients.has(file);

/** One client per database, reused across dev-server reloads (tests give each file its own database). */
export const prisma: PrismaClient = clients.get(file) ?? createClient();
clients.set(file, prisma);

// Per-connection settings the file cannot remember. better-sqlite3 builds SQLite with NORMAL sync in WAL
// mode; acknowledged writes must survive a power cut, so FULL. (PostgreSQL's defaults already are.)
if (isNew && engine === "sqlite") {
  await prisma.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await prisma.$executeRawUnsafe("PRAGMA synchronous = FULL");
  await prisma.$executeRawUnsafe("PRAGMA foreign_keys = ON");
}

/** Prepared-statement writes on the process's one writing connection (SQLite only; see sql.server.ts). */
export const writes = {
  run: <T>(work: (prepare: Prepare) => T): Promise<T> => withWriter(file, work),
  inTransaction: <T>(work: (prepare: Prepare) => T): T => inOpenTransaction(file, work),
};

export type { PrismaClient };
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/**
 * A `contains` filter that ignores case on both engines: SQLite's LIKE already ignores it for ASCII letters (and
 * Prisma refuses `mode` there); PostgreSQL's needs `mode: "insensitive"` (ILIKE).
 */
export function containsIgnoringCase(text: string): { contains: string; mode?: "insensitive" } {
  return engine === "postgres" ? { contains: text, mode: "insensitive" } : { contains: text };
}
