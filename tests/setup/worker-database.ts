// Before each test file: its own copy of the migrated template, in this run's folder.
// Set before any app module is imported, so the app's Prisma client opens this file.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { inject } from "vitest";

const dir = inject("databaseDir");
const file = path.join(dir, `worker-${process.env.VITEST_POOL_ID ?? "0"}-${crypto.randomBytes(4).toString("hex")}.db`);
fs.copyFileSync(path.join(dir, "template.db"), file);
process.env.DATABASE_URL = `file:${file}`;
