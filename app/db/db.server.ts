// The one Prisma client of the process, on the better-sqlite3 driver adapter.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "./generated/client";
import { databasePath } from "./database-url.js";

function createClient(): PrismaClient {
  const adapter = new PrismaBetterSQLite3({ url: `file:${databasePath()}`, timeout: 5000 });
  return new PrismaClient({ adapter });
}

const globalForPrisma = globalThis as unknown as { __circlekeeperPrisma?: PrismaClient; __circlekeeperConfigured?: boolean };

/** Reused across dev-server reloads so that edits do not open a new connection each time. */
export const prisma: PrismaClient = (globalForPrisma.__circlekeeperPrisma ??= createClient());

// Per-connection settings the file cannot remember. better-sqlite3 builds SQLite with NORMAL sync in WAL
// mode; acknowledged writes must survive a power cut, so FULL.
if (!globalForPrisma.__circlekeeperConfigured) {
  await prisma.$executeRawUnsafe("PRAGMA synchronous = FULL");
  await prisma.$executeRawUnsafe("PRAGMA foreign_keys = ON");
  globalForPrisma.__circlekeeperConfigured = true;
}

export type { PrismaClient };
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
