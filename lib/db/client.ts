import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { env } from "@/lib/config/env";
import { logger } from "@/lib/log";
import { openEmbeddedDatabase, type EmbeddedDatabase } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/migrate";
import { pgExecutor } from "@/lib/db/sql-executor";
import { poolRunner, prismaRunner, type SqlRunner } from "@/lib/db/direct-sql";
import { PrismaClient, type Prisma } from "@/lib/generated/prisma/client";

/**
 * The one way app code reaches the database. Nothing connects at import time (`next build` imports
 * modules): the first db() call does.
 *
 * - DATABASE_URL set: PostgreSQL through @prisma/adapter-pg, DATABASE_POOL_SIZE connections.
 * - unset: the embedded PGlite in OTPILOT_DATA_DIR (lib/db/embedded.ts), opened by the first process
 *   and reached by the others through its socket; either way one connection, as PGlite serves one
 *   query at a time.
 */
type Connection = { prisma: PrismaClient; direct: SqlRunner; url: string; embedded: EmbeddedDatabase | null };

// On globalThis: Next.js dev may load this module more than once in one process.
const state = globalThis as typeof globalThis & { __otpilotDb?: Promise<Connection> };

export function databaseBackend(): "postgres" | "embedded" {
  return env().DATABASE_URL ? "postgres" : "embedded";
}

export async function db(): Promise<PrismaClient> {
  return (await connection()).prisma;
}

/**
 * The same pool as db()'s, for the hot path's raw statements without Prisma's client runtime
 * (lib/db/direct-sql.ts). Not for transactions: those go through db().$transaction.
 */
export async function directSql(): Promise<SqlRunner> {
  return (await connection()).direct;
}

/**
 * A write that is one statement (the hot path's: lib/otp/send-statement.ts, verify-otp.ts): on the
 * direct connection, no transaction needed; or, when `join` is given (work that must commit with it:
 * a webhook delivery, a job), in a Prisma transaction with that work, which sees the statement's result.
 */
export async function writeStatement<T>(
  write: (sql: SqlRunner) => Promise<T>,
  join?: (tx: Prisma.TransactionClient, result: T) => Promise<void>,
): Promise<T> {
  const { prisma, direct } = await connection();
  if (!join) return write(direct);
  return prisma.$transaction(async (tx) => {
    const result = await write(prismaRunner(tx));
    await join(tx, result);
    return result;
  });
}

function connection(): Promise<Connection> {
  state.__otpilotDb ??= connect().catch((error: unknown) => {
    state.__otpilotDb = undefined; // let a later call retry (e.g. once PostgreSQL is back up)
    throw error;
  });
  return state.__otpilotDb;
}

async function connect(): Promise<Connection> {
  const config = env();
  if (config.DATABASE_URL) {
    return withPool(config.DATABASE_URL, config.DATABASE_POOL_SIZE, config.DATABASE_PREPARED_STATEMENTS, null);
  }
  const embedded = await openEmbeddedDatabase(config.OTPILOT_DATA_DIR);
  // Never prepared on the embedded database: every process's connections share PGlite's one session,
  // where a second process preparing the same statement name would fail ("already exists").
  return withPool(embedded.url, 1, false, embedded);
}

/** Prisma's adapter on a pool of our own, so the hot path's raw statements share its connections. */
function withPool(url: string, max: number, prepared: boolean, embedded: EmbeddedDatabase | null): Connection {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle connection that breaks (a database restart) emits 'error' on the pool; unheard, it
  // would end the process. The next query reconnects.
  // (Not the error itself: node-postgres hangs the whole client, connection state included, on it.)
  pool.on("error", (error: Error & { code?: string }) =>
    logger.warn({ error: error.message, sqlState: error.code }, "an idle database connection failed"),
  );
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  // The adapter recognises the pool with instanceof; a second copy of pg would make it open a pool
  // of its own (doubling connections, and two sessions on the embedded database).
  if ((adapter as unknown as { externalPool: unknown }).externalPool !== pool) {
    throw new Error("Prisma's pg adapter did not take the shared pool (two copies of the pg package?)");
  }
  return { prisma: new PrismaClient({ adapter }), direct: poolRunner(pool, { prepared }), url, embedded };
}

/**
 * Applies pending migrations to the database db() uses. The embedded database's owner applied them
 * when it opened the folder; this reports those and catches up anything newer.
 */
export async function migrateDb(): Promise<{ applied: string[] }> {
  const { url, embedded } = await connection();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { applied } = await applyMigrations(pgExecutor(client));
    return { applied: [...(embedded?.applied ?? []), ...applied] };
  } finally {
    await client.end();
  }
}

/** The postgres:// URL db() connects to (the embedded database's socket, or DATABASE_URL), for a second pool such as the job worker's. */
export async function databaseUrl(): Promise<string> {
  return (await connection()).url;
}

/** SELECT 1; throws when the database does not answer (GET /api/health). */
export async function pingDb(): Promise<void> {
  const prisma = await db();
  await prisma.$queryRawUnsafe("SELECT 1");
}

/** Disconnects, and for the embedded owner closes PGlite and frees its folder. */
export async function closeDb(): Promise<void> {
  const pending = state.__otpilotDb;
  state.__otpilotDb = undefined;
  if (!pending) return;
  const { prisma, embedded } = await pending.catch(() => ({ prisma: null, embedded: null }));
  // disposeExternalPool: disconnecting ends the shared pool too.
  await prisma?.$disconnect();
  await embedded?.close();
}
