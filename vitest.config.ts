import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";
import path from "node:path";

// Two kinds of tests:
// - unit: pure functions, no database, no server.
// - integration: a fresh database (a new PostgreSQL database when TEST_DATABASE_URL or
//   DATABASE_URL is set, else a new embedded data folder) and a running OTPilot server reached over
//   real HTTP. tests/setup/global.ts prepares both and tears them down.
// Integration files run side by side on either database: each makes its own tenants and apps, and the
// embedded database's socket (lib/db/pglite-socket-server.ts) serves several connections, each a
// whole request at a time, as it does for the server and the job worker anyway.

// This file stops the run's job worker and kills the ones it starts: no other file may have jobs in
// flight on that worker, nor run a worker of its own that would take this file's jobs. It is a project
// of its own, so global setup gives it a server, database and worker of its own, and it runs beside
// the other files instead of after them.
const ownStack = ["tests/integration/delivery/worker-crash.test.ts"];

// The longest files (measured on PostgreSQL, 2026-11-30: cli 122 s, embedded 106 s, db-diff 48 s,
// pglite-socket-server 35 s, cli-audit 23 s, openapi 27 s), started right after the own-stack file
// whatever their project: in a fresh checkout vitest orders by project and then by file size, which
// left db-diff (a unit file) alone at the end of the run for 40 s and the CLI files late.
const slowFirst = [
  "tests/integration/cli/cli.test.ts",
  "tests/integration/db/embedded.test.ts",
  "tests/unit/db/db-diff.test.ts",
  "tests/integration/db/pglite-socket-server.test.ts",
  "tests/integration/api/openapi.test.ts",
  "tests/integration/cli/cli-audit.test.ts",
];

/**
 * Vitest's order (slowest first once it has timings, larger files first in a fresh checkout such as
 * CI's), except that the own-stack file starts first: it spends most of its 90 s waiting for job
 * leases to run out, which overlaps the rest of the run instead of ending it (vitest would otherwise
 * put its project's files after all of "integration", sorting by project name); then the files in
 * slowFirst, so that no long file starts late and ends the run alone.
 */
class OwnStackFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (spec: TestSpecification) => {
      if (spec.project.name === "integration-own-stack") return -1;
      const index = slowFirst.indexOf(path.relative(import.meta.dirname, spec.moduleId).split(path.sep).join("/"));
      return index === -1 ? slowFirst.length : index;
    };
    // Array.prototype.sort is stable: the rest keeps vitest's order.
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}

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
    // Integration files spend much of their time waiting (on HTTP, the job worker, leases and
    // receipt timeouts), so three run at once, even on a 2-core machine (vitest's default is one
    // fewer worker than cores: one file at a time there). TEST_MAX_WORKERS overrides it.
    maxWorkers: Number(process.env.TEST_MAX_WORKERS) || 3,
    sequence: { sequencer: OwnStackFirst },
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
        },
      },
      {
        extends: true,
        test: { name: "integration-own-stack", include: ownStack, ...integration },
      },
    ],
  },
});
