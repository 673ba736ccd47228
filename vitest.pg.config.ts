// The integration tests again, on PostgreSQL (a throwaway cluster per run: tests/setup/pg-global-setup.ts).
// `npm run test:pg`; `npm test` runs it when PostgreSQL is installed (scripts/test-engines.js).
import tsconfigPaths from "vite-tsconfig-paths";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    name: "postgres",
    include: ["tests/integration/**/*.test.{ts,tsx}"],
    exclude: [
      // SQLite-only by nature: it replays a migration on a SQLite file.
      "tests/integration/practicum-migration.test.ts",
    ],
    globalSetup: ["tests/setup/pg-global-setup.ts"],
    setupFiles: ["tests/setup/pg-worker-database.ts"],
    pool: "forks",
    // Every query is a network round trip: the same work takes longer than on SQLite, more so on a busy machine.
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
