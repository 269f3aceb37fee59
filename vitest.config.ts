import path from "node:path";
import { defineConfig } from "vitest/config";

// LANTERN_TEST_DB=postgresql runs the integration tests on a throwaway PostgreSQL cluster
// (test/support/global-setup.ts starts it); the default is a SQLite file per test file.
const postgres = process.env.LANTERN_TEST_DB === "postgresql";

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\/(.*)$/, replacement: path.resolve(import.meta.dirname, "$1") },
      // Next's guard against importing server modules into client bundles; meaningless in tests.
      { find: /^server-only$/, replacement: path.resolve(import.meta.dirname, "test/support/empty-module.ts") },
    ],
  },
  test: {
    include: postgres ? ["**/*.integration.test.ts"] : ["**/*.test.ts"],
    // test/cluster runs two app instances on one PostgreSQL database: the PostgreSQL lane's alone.
    exclude: ["node_modules/**", ".next/**", "test/e2e/**", ".tmp/**", ...(postgres ? [] : ["test/cluster/**"])],
    globalSetup: ["test/support/global-setup.ts"],
    setupFiles: ["test/support/per-file-database.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
