// The one Prisma client of the process, on the better-sqlite3 driver adapter.
import { databasePath } from "./database-url.js";
import { PrismaClient } from "./generated/client";
import { inOpenTransaction, SharedWriterAdapter, withWriter, type Prepare } from "./writer.server";

function createClient(): PrismaClient {
  // The adapter shares its connection with the prepared-statement writes of writer.server.ts.
  const adapter = new SharedWriterAdapter(databasePath(), { timeout: 5000 });
  return new PrismaClient({ adapter });
}

const globalForPrisma = globalThis as unknown as { __circlekeeperPrisma?: Map<string, PrismaClient> };
const clients = (globalForPrisma.__circlekeeperPrisma ??= new Map());
const file = databasePath();
const isNew = !clients.has(file);

/** One client per database file, reused across dev-server reloads (tests give each file its own database). */
export const prisma: PrismaClient = clients.get(file) ?? createClient();
clients.set(file, prisma);

// Per-connection settings the file cannot remember. better-sqlite3 builds SQLite with NORMAL sync in WAL
// mode; acknowledged writes must survive a power cut, so FULL.
if (isNew) {
  await prisma.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await prisma.$executeRawUnsafe("PRAGMA synchronous = FULL");
  await prisma.$executeRawUnsafe("PRAGMA foreign_keys = ON");
}

/** Prepared-statement writes on the process's one writing connection (see writer.server.ts). */
export const writes = {
  run: <T>(work: (prepare: Prepare) => T): Promise<T> => withWriter(file, work),
  inTransaction: <T>(work: (prepare: Prepare) => T): T => inOpenTransaction(file, work),
};

export type { PrismaClient };
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
