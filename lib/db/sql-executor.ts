import type { PGlite } from "@electric-sql/pglite";
import type pg from "pg";
import type { SqlExecutor } from "@/lib/db/migrate";

/** A node-postgres client (or a client checked out of a pool) as a SqlExecutor. */
export function pgExecutor(client: pg.ClientBase): SqlExecutor {
  return {
    query: async <Row>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as Row[],
    exec: async (sql) => {
      // Without parameters node-postgres uses the simple protocol, which runs several statements.
      await client.query(sql);
    },
  };
}

/** An open PGlite database as a SqlExecutor (PGlite is a single session). */
export function pgliteExecutor(db: PGlite): SqlExecutor {
  return {
    query: async <Row>(sql: string, params?: unknown[]) => (await db.query<Row>(sql, params)).rows,
    exec: async (sql) => {
      await db.exec(sql);
    },
  };
}
