import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * One database session (a single connection: the advisory lock and each transaction belong to it).
 * See lib/db/sql-executor.ts for node-postgres and PGlite.
 */
export interface SqlExecutor {
  /** One statement, with $1… parameters. */
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** A script of any number of statements, without parameters. */
  exec(sql: string): Promise<void>;
}

export type Migration = { name: string; sql: string; checksum: string };

export class MigrationError extends Error {
  override name = "MigrationError";
}

/** The key `prisma migrate deploy` locks too, so our runner and Prisma's never migrate at once. */
const PRISMA_ADVISORY_LOCK_KEY = 72707369;

// Prisma's own definition of its history table, so `prisma migrate status|deploy` elsewhere read our rows.
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

/** The migrations folder; the server and the CLI both run from the repository root. */
export function defaultMigrationsDir(): string {
  return path.join(process.cwd(), "prisma", "migrations");
}

/** Every `<dir>/<name>/migration.sql`, in name order (names start with a UTC timestamp). */
export function readMigrations(dir: string = defaultMigrationsDir()): Migration[] {
  // The folder is named at run time; next.config.ts ships it with the server (outputFileTracingIncludes),
  // so the build need not trace this access (it would pull in the whole project).
  if (!fs.existsSync(/*turbopackIgnore: true*/ dir))
    throw new MigrationError(`No migrations folder at ${dir}: run from the repository root.`);
  return fs
    .readdirSync(/*turbopackIgnore: true*/ dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(/*turbopackIgnore: true*/ path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(/*turbopackIgnore: true*/ path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

type HistoryRow = { migration_name: string; checksum: string; finished_at: Date | null };

/**
 * Applies the migrations the database has not seen yet, each in its own transaction, recorded in
 * Prisma's `_prisma_migrations`. A session advisory lock makes concurrent callers (several server
 * instances starting at once) wait for each other; the later ones find nothing left to do.
 * Refuses to run when an applied migration's file was edited or an earlier `prisma migrate` failed.
 */
export async function applyMigrations(
  exec: SqlExecutor,
  options: { migrationsDir?: string } = {},
): Promise<{ applied: string[] }> {
  const migrations = readMigrations(options.migrationsDir);
  await exec.query("SELECT pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK_KEY]);
  try {
    await exec.exec(CREATE_MIGRATIONS_TABLE);
    const history = await exec.query<HistoryRow>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
    );
    const applied: string[] = [];
    for (const migration of migrations) {
      const rows = history.filter((row) => row.migration_name === migration.name);
      if (rows.some((row) => row.finished_at === null)) {
        throw new MigrationError(
          `Migration ${migration.name} failed in an earlier run of \`prisma migrate\` and is marked as started but ` +
            "not finished. Fix the database, then `prisma migrate resolve --rolled-back " +
            `${migration.name}\` (or --applied) before starting again.`,
        );
      }
      const done = rows.find((row) => row.finished_at !== null);
      if (done) {
        if (done.checksum !== migration.checksum) {
          throw new MigrationError(
            `Migration ${migration.name} was changed after it was applied (checksum ${done.checksum} in the ` +
              `database, ${migration.checksum} on disk). Restore prisma/migrations/${migration.name}/migration.sql ` +
              "and put the change in a new migration (npm run db:diff -- <name>).",
          );
        }
        continue;
      }
      if (await applyOne(exec, migration)) applied.push(migration.name);
    }
    return { applied };
  } finally {
    // If the session broke, its lock went with it; the original error is the one worth reporting.
    await exec.query("SELECT pg_advisory_unlock($1)", [PRISMA_ADVISORY_LOCK_KEY]).catch(() => undefined);
  }
}

/** False when another session applied it meanwhile (possible on PGlite, whose socket clients share one session and so one lock). */
async function applyOne(exec: SqlExecutor, migration: Migration): Promise<boolean> {
  await exec.exec("BEGIN");
  try {
    const already = await exec.query(
      `SELECT 1 FROM "_prisma_migrations" WHERE migration_name = $1 AND finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      [migration.name],
    );
    if (already.length > 0) {
      await exec.exec("COMMIT");
      return false;
    }
    await exec.exec(migration.sql);
    await exec.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), clock_timestamp(), 1)`,
      [randomUUID(), migration.checksum, migration.name],
    );
    await exec.exec("COMMIT");
    return true;
  } catch (error) {
    await exec.exec("ROLLBACK").catch(() => undefined);
    throw new MigrationError(
      `Migration ${migration.name} failed and was rolled back: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}
