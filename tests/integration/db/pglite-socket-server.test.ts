/**
 * Several connections to one PGlite through our socket server: each request and each transaction
 * runs whole, never interleaved with another connection's (electric-sql/pglite#1046).
 */
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { servePglite } from "@/lib/db/pglite-socket-server";

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(connections: number) {
  const db = await PGlite.create();
  cleanups.push(() => db.close());
  const server = await servePglite(db);
  cleanups.push(() => server.close());
  const clients = await Promise.all(
    Array.from({ length: connections }, async () => {
      const client = new pg.Client({
        connectionString: `postgresql://postgres@127.0.0.1:${server.port}/postgres`,
      });
      await client.connect();
      cleanups.push(() => client.end());
      return client;
    }),
  );
  return { db, clients };
}

describe("servePglite", { timeout: 120_000 }, () => {
  it("keeps each connection's parameterised queries apart", async () => {
    const { clients } = await setup(4);
    const shapes = [
      { sql: "SELECT $1::int AS n", check: (row: Record<string, unknown>, i: number) => row.n === i },
      {
        sql: "SELECT $1::text AS s, 2 AS x",
        check: (row: Record<string, unknown>, i: number) => row.s === String(i) && row.x === 2,
      },
      {
        sql: "SELECT $1::int + 1000 AS m, 'z' AS y",
        check: (row: Record<string, unknown>, i: number) => row.m === i + 1000,
      },
      {
        sql: "SELECT $1::int * 2 AS d, now() AS t",
        check: (row: Record<string, unknown>, i: number) => row.d === i * 2,
      },
    ];
    const outcomes = await Promise.all(
      clients.map(async (client, k) => {
        let right = 0;
        for (let i = 0; i < 150; i++) {
          const { rows } = await client.query(shapes[k]!.sql, [i]);
          if (shapes[k]!.check(rows[0], i)) right++;
        }
        return right;
      }),
    );
    expect(outcomes).toEqual([150, 150, 150, 150]);
  });

  it("runs a transaction whole: others wait, and a rollback undoes only its own work", async () => {
    const { db, clients } = await setup(2);
    const [a, b] = clients as [pg.Client, pg.Client];
    await a.query("CREATE TABLE counter (id int PRIMARY KEY, n int NOT NULL)");
    await a.query("INSERT INTO counter VALUES (1, 0)");

    await a.query("BEGIN");
    await a.query("UPDATE counter SET n = n + 1 WHERE id = 1");
    // b's write must wait for a's transaction to end, not run inside it.
    const bWrite = b.query("UPDATE counter SET n = n + 10 WHERE id = 1");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await a.query("SELECT n FROM counter")).rows[0].n).toBe(1);
    await a.query("ROLLBACK");
    await bWrite;
    expect((await db.query<{ n: number }>("SELECT n FROM counter")).rows[0]!.n).toBe(10);
  });

  it("rolls back the open transaction of a connection that goes away", async () => {
    const { db, clients } = await setup(2);
    const [a, b] = clients as [pg.Client, pg.Client];
    await a.query("CREATE TABLE t (v text)");
    await a.query("BEGIN");
    await a.query("INSERT INTO t VALUES ('uncommitted')");
    a.end();
    expect((await b.query("SELECT count(*)::int AS c FROM t")).rows[0].c).toBe(0);
    expect(db.isInTransaction()).toBe(false);
  });
});
