// Prisma's CLI runs its JavaScript schema engine through the better-sqlite3 adapter,
// so migrate and generate never download a native engine.
import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";
import { databasePath } from "./app/db/database-url.js";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx prisma/seed.ts" },
  async adapter() {
    // better-sqlite3 cannot create the folder, and the CLI's error would only say "External error".
    fs.mkdirSync(path.dirname(databasePath()), { recursive: true });
    return new PrismaBetterSQLite3({ url: `file:${databasePath()}` });
  },
});
