// Before serving: open the database (with a clear message when it cannot be used), apply pending
// migrations, and seed the demo agency when there are no users yet.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { databaseEngine, databasePath, databaseUrl } from "../app/db/database-url.js";
import { connectPostgres, migrate, migratePostgres, openDatabase } from "../app/db/migrate.js";

const root = path.resolve(import.meta.dirname, "..");

/** @param {{ seedIfEmpty?: boolean }} [options] */
export async function prepareDatabase({ seedIfEmpty = true } = {}) {
  if (databaseEngine() === "postgres") return preparePostgres({ seedIfEmpty });
  const file = databasePath();
  const db = openDatabase(file);
  try {
    const applied = migrate(db);
    if (applied.length) console.log(`Applied ${applied.length} migration(s) to ${file}`);
    const users = db.prepare("SELECT count(*) FROM User").pluck().get();
    if (users === 0 && seedIfEmpty) seedDemoAgency();
  } catch (error) {
    const code = /** @type {{ code?: string }} */ (error).code;
    if (code === "SQLITE_READONLY" || code === "SQLITE_CANTOPEN") {
      throw new Error(`the database at ${file} is not writable (${code}). Set DATABASE_URL=file:/a/writable/path.db.`);
    }
    throw error;
  } finally {
    db.close();
  }
}

function seedDemoAgency() {
  console.log("Empty database: seeding the demo agency...");
  const tsx = path.join(root, "node_modules", ".bin", "tsx");
  const result = spawnSync(tsx, [path.join(root, "prisma", "seed.ts")], { stdio: "inherit", env: process.env });
  if (result.status !== 0) throw new Error("seeding the demo data failed (see above)");
}

/**
 * The same on PostgreSQL. Several processes may start together: the migrator's advisory lock lets one migrate,
 * and a second advisory lock lets one seed (the others wait, then find users).
 * @param {{ seedIfEmpty: boolean }} options
 */
async function preparePostgres({ seedIfEmpty }) {
  const client = await connectPostgres(databaseUrl());
  try {
    const applied = await migratePostgres(client);
    if (applied.length) console.log(`Applied ${applied.length} PostgreSQL migration(s)`);
    if (!seedIfEmpty) return;
    await client.query("SELECT pg_advisory_lock($1)", [SEED_LOCK]);
    try {
      const { rows } = await client.query(`SELECT count(*)::int AS users FROM "User"`);
      if (rows[0].users === 0) seedDemoAgency();
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [SEED_LOCK]);
    }
  } finally {
    await client.end();
  }
}

const SEED_LOCK = 2_026_120_411;

// `node scripts/prepare-database.js` (npm run db:seed): migrate, and seed if there are no users.
if (import.meta.url === `file://${process.argv[1]}`) {
  await prepareDatabase({ seedIfEmpty: true });
}
