import { createHash } from "node:crypto";
import PgBoss from "pg-boss";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db/client";

export type EnqueueOptions = {
  /** Run no earlier than this: seconds from now, or a point in time. */
  startAfter?: number | Date;
  /**
   * Enqueue at most once per job name and key: the job id is derived from the key, so a second
   * enqueue is a no-op (returns null) while the first job is kept (until pg-boss archives it, 12 h
   * after it completes).
   */
  dedupeKey?: string;
  /** Re-runs after the handler throws or its process dies (default 5), with pg-boss's exponential backoff. */
  retryLimit?: number;
  /** A job active for longer is presumed dead (its worker crashed) and retried (default 60). */
  expireInSeconds?: number;
  /** Higher runs first (default 0). */
  priority?: number;
};

const DEFAULTS = { retryLimit: 5, retryDelay: 2, retryBackoff: true, expireInSeconds: 60 };

type SqlClient = Pick<Prisma.TransactionClient, "$queryRawUnsafe" | "$executeRawUnsafe">;

/**
 * Adds a job to the queue. Give the transaction that makes the change the job is about: the job then
 * exists exactly when that change commits (no job for a rolled-back send, no send without its job).
 * `null` enqueues on its own. Returns the job id, or null when `dedupeKey` found an existing job.
 */
export async function enqueue(
  tx: Prisma.TransactionClient | null,
  name: string,
  payload: Prisma.InputJsonObject,
  options: EnqueueOptions = {},
): Promise<string | null> {
  const client: SqlClient = tx ?? (await db());
  const executor = prismaExecutor(client);
  await ensureQueue(client, name);
  const { dedupeKey, ...rest } = options;
  const id = await enqueuer().send(name, payload, {
    ...DEFAULTS,
    ...rest,
    ...(dedupeKey ? { id: uuidFromKey(`${name}\u0000${dedupeKey}`) } : {}),
    db: executor,
  });
  return id;
}

/** pg-boss writes through our Prisma transaction: its SQL, our connection and transaction. */
function prismaExecutor(client: SqlClient): PgBoss.Db {
  return {
    executeSql: async (text, values = []) => ({
      rows: await client.$queryRawUnsafe(text, ...values.map((v) => (v !== null && typeof v === "object" && !(v instanceof Date) ? JSON.stringify(v) : v))),
    }),
  };
}

const state = globalThis as typeof globalThis & { __otpilotEnqueuer?: PgBoss; __otpilotQueues?: Set<string> };

// Used only to build pg-boss's INSERT; it never opens a connection of its own (every call passes `db`).
function enqueuer(): PgBoss {
  state.__otpilotEnqueuer ??= new PgBoss({
    db: { executeSql: () => Promise.reject(new Error("lib/jobs: every enqueue passes its own executor")) },
    migrate: false,
    supervise: false,
    schedule: false,
  });
  return state.__otpilotEnqueuer;
}

/**
 * pg-boss inserts a job only into an existing queue (and silently drops it otherwise). Queues are
 * declared in migrations; this creates one a migration has not declared yet (an insert that does
 * nothing when the queue exists), once per process and name.
 */
export async function ensureQueue(client: SqlClient, name: string): Promise<void> {
  const known = (state.__otpilotQueues ??= new Set());
  if (known.has(name)) return;
  await client.$executeRawUnsafe(`SELECT pgboss.create_queue($1, $2::json)`, name, JSON.stringify({ policy: "standard" }));
  known.add(name);
}

/** A UUID (version 8, name-based) from a key, so a repeated key maps to the same job id. */
function uuidFromKey(key: string): string {
  const bytes = createHash("sha256").update(key).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
