import { defineConfig } from "vitest/config";
import path from "node:path";

// Two kinds of tests:
// - unit: pure functions, no database, no server.
// - integration: a fresh database (a new PostgreSQL database when TEST_DATABASE_URL or
//   DATABASE_URL is set, else a new embedded data folder) and a running OTPilot server reached over
//   real HTTP. tests/setup/global.ts prepares both and tears them down.
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/setup/global.ts"],
          setupFiles: ["tests/setup/worker.ts"],
          testTimeout: 30_000,
          hookTimeout: 120_000,
          // The embedded database has a single connection: run files one after another there.
          fileParallelism: Boolean(process.env.TEST_DATABASE_URL || process.env.DATABASE_URL),
        },
      },
    ],
  },
});
