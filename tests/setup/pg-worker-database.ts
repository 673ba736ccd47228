// Before each test file on PostgreSQL: its own database, copied from the migrated template (much faster than
// migrating), set before any app module is imported so the app's Prisma client opens it.
import crypto from "node:crypto";
import fs from "node:fs";
import { expect, inject } from "vitest";
import { connectPostgres } from "../../app/db/migrate.js";

const adminUrl = inject("postgresUrl");
const name = `ck_${crypto.randomBytes(6).toString("hex")}`;
// Seeding the demo agency takes tens of seconds over the network: files that seed start from a seeded copy, and
// tests/support/app.ts's seedOnce() then has nothing to do.
const testFile = expect.getState().testPath ?? "";
const seeds = testFile !== "" && fs.readFileSync(testFile, "utf8").includes("seedOnce(");
const admin = await connectPostgres(adminUrl);
await admin.query(`CREATE DATABASE ${name} TEMPLATE ${seeds ? "ck_seeded" : "ck_template"}`);
await admin.end();
if (seeds) process.env.CK_TEST_DATABASE_SEEDED = "1";
process.env.DATABASE_URL = adminUrl.replace(/\/postgres$/, `/${name}`);

// The app's start-up wiring, on first use, as tests/setup/worker-database.ts does it.
const { wireOnFirstUse } = await import("../../app/events/domain-events");
wireOnFirstUse(async () => (await import("../../app/wiring.server")).wireDomains());
