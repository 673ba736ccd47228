// End-to-end tests: a real Chromium against the production build, on its own port and database file.
import fs from "node:fs";
import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 4173);
const ISOLATED_PORT = PORT + 1;
/** The supervisor's journeys sign off Daniel Osei and read Thao Nguyen in progress, as other specs also do. */
const ISOLATED = /supervisor-experience\.spec\.ts$/;
const systemChromium = "/usr/bin/chromium";

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: `test-results/${PORT}`,
  fullyParallel: false,
  workers: 1,
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
    { name: "chromium", use: { ...devices["Desktop Chrome"] }, testIgnore: ISOLATED },
    // Specs that sign off the same seeded officers as others get a server and database of their own.
    {
      name: "isolated",
      use: { ...devices["Desktop Chrome"], baseURL: `http://localhost:${ISOLATED_PORT}` },
      testMatch: ISOLATED,
    },
  ],
  webServer: [
    {
      command: "node tests/e2e/serve.js",
      url: `http://localhost:${PORT}/healthcheck`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: { PORT: String(PORT) },
      stdout: "pipe",
    },
    {
      command: "node tests/e2e/serve.js",
      url: `http://localhost:${ISOLATED_PORT}/healthcheck`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: { PORT: String(ISOLATED_PORT) },
      stdout: "pipe",
    },
  ],
});
