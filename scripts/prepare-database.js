// Before serving: open the database (with a clear message when it cannot be used), apply pending
// migrations, and seed the demo agency when there are no users yet.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { databasePath } from "../app/db/database-url.js";
import { migrate, openDatabase } from "../app/db/migrate.js";

const root = path.resolve(import.meta.dirname, "..");

/** @param {{ seedIfEmpty?: boolean }} [options] */
export async function prepareDatabase({ seedIfEmpty = true } = {}) {
  const file = databasePath();
  const db = openDatabase(file);
  try {
    const applied = migrate(db);
    if (applied.length) console.log(`Applied ${applied.length} migration(s) to ${file}`);
    const users = db.prepare("SELECT count(*) FROM User").pluck().get();
    if (users === 0 && seedIfEmpty) {
      console.log("Empty database: seeding the demo agency...");
      const tsx = path.join(root, "node_modules", ".bin", "tsx");
      const result = spawnSync(tsx, [path.join(root, "prisma", "seed.ts")], { stdio: "inherit", env: process.env });
      if (result.status !== 0) throw new Error("seeding the demo data failed (see above)");
    }
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

// `node scripts/prepare-database.js` (npm run db:seed): migrate, and seed if there are no users.
if (import.meta.url === `file://${process.argv[1]}`) {
  await prepareDatabase({ seedIfEmpty: true });
}
