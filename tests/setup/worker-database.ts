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

// The app's start-up wiring (certification hears of attempts, checks and user changes), as the server does it,
// but on first use: loading the domains now would fix their settings before a test file sets its own.
const { wireOnFirstUse } = await import("../../app/events/domain-events");
wireOnFirstUse(async () => (await import("../../app/wiring.server")).wireDomains());
