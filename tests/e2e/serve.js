// The server Playwright talks to: the production build, a fresh database of its own. A SQLite file by default;
// with E2E_ENGINE=postgres a throwaway PostgreSQL cluster (tests/support/postgres-cluster.js), removed when the
// server is stopped (Playwright's graceful shutdown, SIGTERM) or, if it was killed outright, at the next start.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { connectPostgres } from "../../app/db/migrate.js";
import { removeCluster, startCluster } from "../support/postgres-cluster.js";

const onPostgres = process.env.E2E_ENGINE === "postgres";
const dir = path.resolve(`tests/.tmp/e2e-${process.env.PORT ?? "4173"}`);
const clusterNote = path.join(dir, "postgres-cluster");
if (fs.existsSync(clusterNote)) removeCluster(fs.readFileSync(clusterNote, "utf8").trim());
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });
process.env.NODE_ENV = "production";
// Production refuses to seal secrets without a key; the test server gets a fresh one per run, as a deployment would.
process.env.CK_SECRETS_KEY ??= crypto.randomBytes(32).toString("base64");
if (!fs.existsSync(`${process.env.BUILD_DIR || "build"}/server/index.js`)) {
  console.error("No production build: run `npm run build` first (npm test does).");
  process.exit(1);
}
if (onPostgres) {
  const cluster = await startCluster();
  fs.writeFileSync(clusterNote, cluster.dir);
  // Registered before the server's own handlers: the cluster goes first, then the process.
  process.once("exit", () => cluster.stop());
  for (const signal of ["SIGTERM", "SIGINT"]) process.once(signal, () => process.exit(0));
  const admin = await connectPostgres(cluster.url("postgres"));
  await admin.query("CREATE DATABASE circlekeeper");
  await admin.end();
  // The server migrates and seeds it as it would any empty database.
  process.env.DATABASE_URL = cluster.url("circlekeeper");
  console.log(`End-to-end database: PostgreSQL on port ${cluster.port}`);
} else {
  process.env.DATABASE_URL = `file:${path.join(dir, "e2e.db")}`;
}
await import("../../server.js");
