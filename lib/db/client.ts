import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { env } from "@/lib/config/env";
import { openEmbeddedDatabase, type EmbeddedDatabase } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/migrate";
import { pgExecutor } from "@/lib/db/sql-executor";
import { PrismaClient } from "@/lib/generated/prisma/client";

/**
 * The one way app code reaches the database. Nothing connects at import time (`next build` imports
 * modules): the first db() call does.
 *
 * - DATABASE_URL set: PostgreSQL through @prisma/adapter-pg, DATABASE_POOL_SIZE connections.
 * - unset: the embedded PGlite in OTPILOT_DATA_DIR (lib/db/embedded.ts), opened by the first process
 *   and reached by the others through its socket; either way one connection, as PGlite serves one
 *   query at a time.
 */
type Connection = { prisma: PrismaClient; url: string; embedded: EmbeddedDatabase | null };

// On globalThis: Next.js dev may load this module more than once in one process.
const state = globalThis as typeof globalThis & { __otpilotDb?: Promise<Connection> };

export function databaseBackend(): "postgres" | "embedded" {
  return env().DATABASE_URL ? "postgres" : "embedded";
}

export async function db(): Promise<PrismaClient> {
  return (await connection()).prisma;
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
    const adapter = new PrismaPg({ connectionString: config.DATABASE_URL, max: config.DATABASE_POOL_SIZE });
    return { prisma: new PrismaClient({ adapter }), url: config.DATABASE_URL, embedded: null };
  }
  const embedded = await openEmbeddedDatabase(config.OTPILOT_DATA_DIR);
  const adapter = new PrismaPg({ connectionString: embedded.url, max: 1 });
  return { prisma: new PrismaClient({ adapter }), url: embedded.url, embedded };
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
  await prisma?.$disconnect();
  await embedded?.close();
}
