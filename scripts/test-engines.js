// `npm run test:unit`: the unit, integration and security tests on SQLite, then the integration tests again on
// PostgreSQL when its binaries are installed (a throwaway cluster: tests/setup/pg-global-setup.ts). The last
// lines say which engines ran, so a run without PostgreSQL is never mistaken for one with it.
import { spawnSync } from "node:child_process";
import { postgresBinaries } from "../tests/support/postgres-binaries.js";

/** @param {string[]} args */
const vitest = (args) => spawnSync("npx", ["vitest", "run", ...args], { stdio: "inherit" }).status ?? 1;

const sqlite = vitest(process.argv.slice(2));
// TEST_POSTGRES=off skips the PostgreSQL run even where it is installed (said so in the last line).
const off = process.env.TEST_POSTGRES === "off";
const bin = off ? null : postgresBinaries();
const postgres = bin ? vitest(["-c", "vitest.pg.config.ts"]) : null;

/** @param {number | null} status */
const said = (status) =>
  status === null
    ? `skipped (${off ? "TEST_POSTGRES=off" : "PostgreSQL is not installed"})`
    : status === 0
      ? "passed"
      : "FAILED";
console.log(`\nEngines: SQLite ${said(sqlite)}; PostgreSQL ${said(postgres)}${bin ? ` (${bin})` : ""}`);
process.exit(sqlite || postgres || 0);
