import { createHash } from "node:crypto";
import pg from "pg";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Where a raw statement runs: on the connection pool directly, or inside a Prisma transaction.
 *
 * The send and verify statements are written as `Prisma.sql` (one round trip each, see
 * lib/otp/send-statement.ts). Outside a transaction they run on the pool under Prisma's driver
 * adapter through node-postgres itself: measured on 2026-11-30, a statement through `$queryRaw`
 * costs 0.17–0.22 ms of CPU and the same statement through node-postgres 0.085–0.11 ms — Prisma's
 * client runtime (request serialisation, its engine's interpreter, result mapping) is the difference,
 * and on the hot path it was most of our own CPU after the framework's.
 */
export type SqlRunner = {
  /** The statement's rows, with values as `$queryRaw` gives them (timestamps as Dates). */
  query<Row>(sql: Prisma.Sql): Promise<Row[]>;
};

/** Inside a Prisma transaction (a webhook delivery or a job joins the write). */
export function prismaRunner(client: Prisma.TransactionClient): SqlRunner {
  return { query: (sql) => client.$queryRaw(sql) };
}

/**
 * Directly on node-postgres, with Prisma's conventions for `timestamp` (without time zone) kept:
 * the columns hold UTC. node-postgres would write a Date as local time with an offset (which a
 * `timestamp` drops) and read a `timestamp` as local time, so both directions are done here in UTC,
 * whatever the server's time zone.
 *
 * `prepared`: each statement is a named prepared statement, parsed and planned once per connection
 * instead of on every call. The send and verify statements are long CTEs whose parsing and planning
 * was about half of PostgreSQL's CPU per request (measured: 1.25 → 0.6 ms for a send, 2.35 → 1.36 ms
 * for a verify). Off for a pooler that cannot keep them (PgBouncer before 1.21 in transaction mode).
 */
export function poolRunner(pool: pg.Pool, options: { prepared: boolean }): SqlRunner {
  return {
    async query<Row>(sql: Prisma.Sql) {
      const result = await pool.query({
        name: options.prepared ? statementName(sql.text) : undefined,
        text: sql.text,
        values: sql.values.map(toParameter),
        types: UTC_TIMESTAMPS,
      });
      return result.rows as Row[];
    },
  };
}

// Statement texts are built from fixed pieces (values are always parameters), so there are a few
// dozen of them; the cap only guards against a future statement that inlines something variable.
const MAX_NAMED_STATEMENTS = 500;
const statementNames = new Map<string, string>();

/** A name for a statement text, the same in every process (so logs and pg_stat views agree). */
function statementName(text: string): string | undefined {
  let name = statementNames.get(text);
  if (name === undefined) {
    if (statementNames.size >= MAX_NAMED_STATEMENTS) return undefined;
    name = `otpilot_${createHash("sha256").update(text).digest("hex").slice(0, 24)}`;
    statementNames.set(text, name);
  }
  return name;
}

const TIMESTAMP_OID = 1114;
const TIMESTAMP_ARRAY_OID = 1115;

const UTC_TIMESTAMPS: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => {
    if (oid === TIMESTAMP_OID) return parseUtcTimestamp;
    if (oid === TIMESTAMP_ARRAY_OID) throw new Error("timestamp[] results are not supported by poolRunner");
    return pg.types.getTypeParser(oid, format);
  }) as pg.CustomTypesConfig["getTypeParser"],
};

/** `2026-11-30 10:27:57.123` (UTC by convention) → a Date. Infinity stays a string, as pg gives it. */
function parseUtcTimestamp(text: string): Date | string {
  if (text === "infinity" || text === "-infinity") return text;
  return new Date(`${text.replace(" ", "T")}Z`);
}

/** A Date as the UTC text a `timestamp` stores (what Prisma's adapter sends); other values as they are. */
function toParameter(value: unknown): unknown {
  return value instanceof Date ? value.toISOString().replace("T", " ").replace("Z", "") : value;
}
