// The server Playwright talks to: the production build, a fresh database file of its own.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const dir = path.resolve(`tests/.tmp/e2e-${process.env.PORT ?? "4173"}`);
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });
process.env.DATABASE_URL = `file:${path.join(dir, "e2e.db")}`;
process.env.NODE_ENV = "production";
// Production refuses to seal secrets without a key; the test server gets a fresh one per run, as a deployment would.
process.env.CK_SECRETS_KEY ??= crypto.randomBytes(32).toString("base64");
if (!fs.existsSync(`${process.env.BUILD_DIR || "build"}/server/index.js`)) {
  console.error("No production build: run `npm run build` first (npm test does).");
  process.exit(1);
}
await import("../../server.js");
