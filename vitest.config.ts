import { defineConfig } from "vitest/config";
import path from "node:path";

// Two kinds of tests:
// - unit: pure functions, no database, no server.
// - integration: a fresh database (a new PostgreSQL database when TEST_DATABASE_URL or
//   DATABASE_URL is set, else a new embedded data folder) and a running OTPilot server reached over
//   real HTTP. tests/setup/global.ts prepares both and tears them down.
const onPostgres = Boolean(process.env.TEST_DATABASE_URL || process.env.DATABASE_URL);

// This file stops the run's job worker and kills the ones it starts: no other file may have jobs in
// flight on that worker, nor run a worker of its own that would take this file's jobs. It is a project
// of its own, so global setup gives it a server, database and worker of its own, and it runs beside
// the other files instead of after them.
const ownStack = ["tests/integration/delivery/worker-crash.test.ts"];

const integration: { environment: "node"; globalSetup: string[]; setupFiles: string[]; testTimeout: number; hookTimeout: number } = {
  environment: "node",
  globalSetup: ["tests/setup/global.ts"],
  setupFiles: ["tests/setup/worker.ts"],
  testTimeout: 30_000,
  hookTimeout: 120_000,
};

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    // Integration files mostly wait (on HTTP, the worker, timers), so on PostgreSQL several run at
    // once even on a 2-core machine; vitest's default is one fewer worker than cores.
    maxWorkers: onPostgres ? 4 : undefined,
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
          exclude: ownStack,
          ...integration,
          // The embedded database has a single connection: run files one after another there.
          fileParallelism: onPostgres,
        },
      },
      {
        extends: true,
        test: { name: "integration-own-stack", include: ownStack, ...integration },
      },
    ],
  },
});
