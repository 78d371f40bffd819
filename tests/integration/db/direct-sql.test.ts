import { afterEach, describe, expect, it } from "vitest";
import pg from "pg";
import { db, directSql } from "@/lib/db/client";
import { poolRunner } from "@/lib/db/direct-sql";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ApiKeyPrincipal } from "@/lib/keys/authenticate-api-key";
import { findPendingVerification, findVerification } from "@/lib/otp/find-verification";
import { api, randomMobile } from "../../helpers/api";
import { newTenant, readCode } from "../../helpers/tenant";

// The hot path reads and writes verifications on node-postgres directly (lib/db/direct-sql.ts), beside
// Prisma's client. What it reads must be what Prisma reads, and timestamps must stay UTC whatever the
// process's time zone, as Prisma keeps them.
const savedTimeZone = process.env.TZ;
afterEach(() => {
  if (savedTimeZone === undefined) delete process.env.TZ;
  else process.env.TZ = savedTimeZone;
});

function principalOf(tenantId: string, mode: "test" | "live"): ApiKeyPrincipal {
  return { tenantId, mode, appIds: [] } as unknown as ApiKeyPrincipal;
}

describe("direct SQL beside Prisma", () => {
  it("reads a verification exactly as Prisma's client does (every column, types included)", async () => {
    const t = await newTenant({ resendCooldown: 0 });
    const recipient = randomMobile();
    const sent = await api("POST", "/api/v1/otp/send", {
      key: t.test,
      body: { recipient, locale: "pt-BR", metadata: { order: 42, tags: ["a", "b"] }, externalId: "ext-1" },
    });
    expect(sent.status, sent.text).toBe(201);
    const approved = await api("POST", "/api/v1/otp/verify", { key: t.test, body: { id: sent.body.id, code: await readCode(t.test, recipient) } });
    expect(approved.status, approved.text).toBe(200);
    const pending = await api("POST", "/api/v1/otp/send", { key: t.test, body: { recipient } });
    expect(pending.status, pending.text).toBe(201);

    const prisma = await db();
    for (const id of [sent.body.id as string, pending.body.id as string]) {
      const direct = await findVerification(principalOf(t.tenantId, "test"), id);
      const throughPrisma = await prisma.verification.findUniqueOrThrow({ where: { id } });
      expect(direct).toEqual(throughPrisma);
      expect(direct.createdAt).toBeInstanceOf(Date);
      expect(Array.isArray(direct.deliveryPlan)).toBe(true);
    }
    const newest = await findPendingVerification(principalOf(t.tenantId, "test"), t.appId, recipient);
    expect(newest?.id).toBe(pending.body.id);
    // Scoped to the key's tenant and mode: the live key sees neither.
    await expect(findVerification(principalOf(t.tenantId, "live"), sent.body.id)).rejects.toMatchObject({ status: 404 });
    expect(await findPendingVerification(principalOf(t.tenantId, "live"), t.appId, recipient)).toBeNull();
  });

  it("writes and reads timestamps as UTC in any time zone, the same values Prisma writes and reads", async () => {
    const sql = await directSql();
    const prisma = await db();
    const at = new Date(Date.UTC(2026, 10, 30, 23, 30, 15, 123));
    for (const zone of ["UTC", "Asia/Kolkata", "America/Los_Angeles"]) {
      process.env.TZ = zone;
      const query = Prisma.sql`SELECT ${at}::timestamp AS "at", to_char(${at}::timestamp, 'YYYY-MM-DD HH24:MI:SS.MS') AS "text"`;
      const [direct] = await sql.query<{ at: Date; text: string }>(query);
      const [viaPrisma] = await prisma.$queryRaw<{ at: Date; text: string }[]>(query);
      expect(direct, zone).toEqual(viaPrisma);
      expect(direct!.text, zone).toBe("2026-11-30 23:30:15.123");
      expect(direct!.at.getTime(), zone).toBe(at.getTime());
    }
  });
});

// PostgreSQL only: the embedded database never prepares (its one session is shared by every process,
// lib/db/client.ts), so names there would collide across processes.
describe.skipIf(!process.env.DATABASE_URL)("prepared statements on the direct connection", () => {
  it("prepares a statement once per connection under a stable name, and not at all when turned off", async () => {
    for (const prepared of [true, false]) {
      const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
      try {
        const runner = poolRunner(pool, { prepared });
        const marker = `direct-sql-test-${Math.random()}`;
        const statement = Prisma.sql`SELECT ${marker}::text AS "marker", ${1}::int + 1 AS "two"`;
        for (let i = 0; i < 3; i++) expect(await runner.query(statement)).toEqual([{ marker, two: 2 }]);
        // One connection (max 1): this sees the session that ran the statement.
        const { rows } = await pool.query<{ name: string }>(
          `SELECT name FROM pg_prepared_statements WHERE statement LIKE '%AS "marker"%'`,
        );
        expect(rows.map((row) => /^otpilot_[0-9a-f]{24}$/.test(row.name))).toEqual(prepared ? [true] : []);
      } finally {
        await pool.end();
      }
    }
  });
});
