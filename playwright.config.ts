// End-to-end tests: a real Chromium against the production build, on its own port and database file; the
// journeys tagged @postgres again on a throwaway PostgreSQL cluster (docs/decisions/0420).
import fs from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { postgresBinaries } from "./tests/support/postgres-binaries.js";

const PORT = Number(process.env.E2E_PORT ?? 4173);
const ISOLATED_PORT = PORT + 1;
const POSTGRES_PORT = PORT + 2;
const ACCESSIBILITY_PORT = PORT + 3;
/** The supervisor's journeys sign off Daniel Osei and read Thao Nguyen in progress, as other specs also do. */
const ISOLATED = /supervisor-experience\.spec\.ts$/;
/** The axe scans of every page: the longest spec, run beside the others on a server and database of its own. */
const ACCESSIBILITY = /accessibility\.spec\.ts$/;
const systemChromium = "/usr/bin/chromium";

// The PostgreSQL project runs where its binaries are, unless TEST_POSTGRES=off; otherwise one line says why not.
const postgresSkipped =
  process.env.TEST_POSTGRES === "off" ? "TEST_POSTGRES=off" : postgresBinaries() ? null : "PostgreSQL is not installed";
/** The projects named with --project (none: all of them), to start only the servers they use. */
const chosen = process.argv.flatMap((arg, i, args) =>
  arg === "--project" ? [args[i + 1] ?? ""] : arg.startsWith("--project=") ? [arg.slice("--project=".length)] : [],
);
const chosenProject = (name: string) => chosen.length === 0 || chosen.includes(name);
// Said once, by the runner (its workers load this file too, with TEST_WORKER_INDEX set).
if (postgresSkipped && chosenProject("postgres") && process.env.TEST_WORKER_INDEX === undefined)
  console.log(`End-to-end on PostgreSQL: skipped (${postgresSkipped}); the other projects run on SQLite.`);
const onPostgres = !postgresSkipped;

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: `test-results/${PORT}`,
  fullyParallel: false,
  // One worker per project (each project's specs share one seeded database and run in order); the projects run
  // side by side, two at a time on two cores (docs/decisions/0450).
  workers: Number(process.env.E2E_WORKERS ?? 2),
  retries: 0,
  // Generous waits: on a loaded 2-core machine a form post and its redirect can take over 5 s. They cost
  // nothing when the app answers at once.
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
    launchOptions: fs.existsSync(systemChromium)
      ? {
          executablePath: systemChromium,
          args: [
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
            "--disable-gpu",
          ],
        }
      : {},
  },
  projects: [
    { name: "chromium", use: { ...devices["Desktop Chrome"] }, testIgnore: [ISOLATED, ACCESSIBILITY], workers: 1 },
    {
      name: "accessibility",
      use: { ...devices["Desktop Chrome"], baseURL: `http://localhost:${ACCESSIBILITY_PORT}` },
      testMatch: ACCESSIBILITY,
      workers: 1,
    },
    // Specs that sign off the same seeded officers as others get a server and database of their own.
    {
      name: "isolated",
      use: { ...devices["Desktop Chrome"], baseURL: `http://localhost:${ISOLATED_PORT}` },
      testMatch: ISOLATED,
      workers: 1,
    },
    // The journeys through the engine-specific paths (role-play choices, checks, roster, sign-off, publication,
    // CSV exports), on a server and PostgreSQL database of their own.
    ...(onPostgres
      ? [
          {
            name: "postgres",
            use: { ...devices["Desktop Chrome"], baseURL: `http://localhost:${POSTGRES_PORT}` },
            grep: /@postgres/,
            workers: 1,
          },
        ]
      : []),
  ],
  webServer: [
    ...(chosenProject("chromium")
      ? [
          {
            command: "node tests/e2e/serve.js",
            url: `http://localhost:${PORT}/healthcheck`,
            reuseExistingServer: false,
            timeout: 120_000,
            env: { PORT: String(PORT) },
            stdout: "pipe" as const,
          },
        ]
      : []),
    ...(chosenProject("isolated")
      ? [
          {
            command: "node tests/e2e/serve.js",
            url: `http://localhost:${ISOLATED_PORT}/healthcheck`,
            reuseExistingServer: false,
            timeout: 120_000,
            env: { PORT: String(ISOLATED_PORT) },
            stdout: "pipe" as const,
          },
        ]
      : []),
    ...(chosenProject("accessibility")
      ? [
          {
            command: "node tests/e2e/serve.js",
            url: `http://localhost:${ACCESSIBILITY_PORT}/healthcheck`,
            reuseExistingServer: false,
            timeout: 120_000,
            env: { PORT: String(ACCESSIBILITY_PORT) },
            stdout: "pipe" as const,
          },
        ]
      : []),
    ...(onPostgres && chosenProject("postgres")
      ? [
          {
            command: "node tests/e2e/serve.js",
            url: `http://localhost:${POSTGRES_PORT}/healthcheck`,
            reuseExistingServer: false,
            // Seeding the demo agency over the network takes longer than into a file.
            timeout: 240_000,
            env: { PORT: String(POSTGRES_PORT), E2E_ENGINE: "postgres" },
            stdout: "pipe" as const,
            // SIGTERM, so that the server removes its cluster (a SIGKILL would leave it to the next start).
            gracefulShutdown: { signal: "SIGTERM" as const, timeout: 15_000 },
          },
        ]
      : []),
  ],
});
