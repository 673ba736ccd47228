// The integration tests again, on PostgreSQL (a throwaway cluster per run: tests/setup/pg-global-setup.ts).
// `npm run test:pg`; `npm test` runs it when PostgreSQL is installed (scripts/test-engines.js).
import tsconfigPaths from "vite-tsconfig-paths";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    name: "postgres",
    include: ["tests/integration/**/*.test.{ts,tsx}"],
    // SQLite-only by nature: it replays a migration on a SQLite file.
    exclude: ["tests/integration/practicum-migration.test.ts"],
    globalSetup: ["tests/setup/pg-global-setup.ts"],
    setupFiles: ["tests/setup/pg-worker-database.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
