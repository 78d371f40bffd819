/**
 * The migration runner against real PostgreSQL (a throwaway database per test) and PGlite.
 * Independent of the integration harness's database: these tests make their own.
 */
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { applyMigrations, defaultMigrationsDir, readMigrations } from "@/lib/db/migrate";
import { pgExecutor, pgliteExecutor } from "@/lib/db/sql-executor";

const ADMIN_URL = process.env.TEST_POSTGRES_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function throwawayDatabase(): Promise<string> {
  const name = `otpilot_t_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  cleanups.push(async () => {
    const c = new pg.Client({ connectionString: ADMIN_URL });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.end();
  });
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  cleanups.push(() => client.end());
  return client;
}

async function memoryPglite(): Promise<PGlite> {
  const db = await PGlite.create();
  cleanups.push(() => db.close());
  return db;
}

/** A copy of the committed migrations that a test may edit. */
function copyOfMigrations(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "otpilot-migrations-"));
  fs.cpSync(defaultMigrationsDir(), dir, { recursive: true });
  cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const SCHEMA_QUERIES = {
  columns: `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default, character_maximum_length
            FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, column_name`,
  indexes: `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY tablename, indexname`,
  // NOT NULL constraints are left out: PostgreSQL 18 (PGlite) lists them in pg_constraint, older versions do not.
  constraints: `SELECT conrelid::regclass::text AS table_name, conname, pg_get_constraintdef(oid) AS definition
                FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND contype <> 'n' ORDER BY 1, 2`,
  enums: `SELECT t.typname, e.enumlabel FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid ORDER BY 1, e.enumsortorder`,
};

async function describeSchema(
  query: (sql: string) => Promise<unknown[]>,
): Promise<Record<keyof typeof SCHEMA_QUERIES, unknown[]>> {
  const entries = await Promise.all(
    Object.entries(SCHEMA_QUERIES).map(async ([key, sql]) => [key, await query(sql)] as const),
  );
  return Object.fromEntries(entries) as Record<keyof typeof SCHEMA_QUERIES, unknown[]>;
}

// Read when needed: other work may add migrations to the checkout while the tests run.
const migrationNames = () => readMigrations().map((m) => m.name);

describe("applyMigrations", { timeout: 60_000 }, () => {
  it("builds the same tables, columns, indexes and constraints on PostgreSQL and PGlite", async () => {
    const postgres = await connect(await throwawayDatabase());
    const pglite = await memoryPglite();

    expect((await applyMigrations(pgExecutor(postgres))).applied).toEqual(migrationNames());
    expect((await applyMigrations(pgliteExecutor(pglite))).applied).toEqual(migrationNames());

    const onPostgres = await describeSchema(async (sql) => (await postgres.query(sql)).rows);
    const onPglite = await describeSchema(async (sql) => (await pglite.query(sql)).rows);
    expect(onPostgres.columns.length).toBeGreaterThan(50);
    expect(onPglite).toEqual(onPostgres);
    expect(onPostgres.indexes).toContainEqual(
      expect.objectContaining({
        indexname: "Verification_appId_recipient_pending_key",
        indexdef: expect.stringMatching(/UNIQUE INDEX .* WHERE \(status = 'pending'::"VerificationStatus"\)/),
      }),
    );
  });

  it("is a no-op the second time", async () => {
    const postgres = await connect(await throwawayDatabase());
    await applyMigrations(pgExecutor(postgres));
    const before = (await postgres.query(`SELECT id, finished_at FROM "_prisma_migrations" ORDER BY id`))
      .rows;

    expect(await applyMigrations(pgExecutor(postgres))).toEqual({ applied: [] });
    expect(
      (await postgres.query(`SELECT id, finished_at FROM "_prisma_migrations" ORDER BY id`)).rows,
    ).toEqual(before);

    const pglite = await memoryPglite();
    await applyMigrations(pgliteExecutor(pglite));
    expect(await applyMigrations(pgliteExecutor(pglite))).toEqual({ applied: [] });
  });

  it("records each migration in Prisma's _prisma_migrations shape with the sha256 of its file", async () => {
    const postgres = await connect(await throwawayDatabase());
    await applyMigrations(pgExecutor(postgres));

    const columns = await postgres.query(
      `SELECT column_name, data_type, character_maximum_length, is_nullable FROM information_schema.columns
       WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(
      columns.rows.map((c) => [c.column_name, c.data_type, c.character_maximum_length, c.is_nullable]),
    ).toEqual([
      ["id", "character varying", 36, "NO"],
      ["checksum", "character varying", 64, "NO"],
      ["finished_at", "timestamp with time zone", null, "YES"],
      ["migration_name", "character varying", 255, "NO"],
      ["logs", "text", null, "YES"],
      ["rolled_back_at", "timestamp with time zone", null, "YES"],
      ["started_at", "timestamp with time zone", null, "NO"],
      ["applied_steps_count", "integer", null, "NO"],
    ]);

    const rows = (await postgres.query(`SELECT * FROM "_prisma_migrations" ORDER BY migration_name`)).rows;
    expect(rows.map((r) => r.migration_name)).toEqual(migrationNames());
    for (const row of rows) {
      const file = fs.readFileSync(path.join(defaultMigrationsDir(), row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(file).digest("hex"));
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.finished_at.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it("refuses to run when an applied migration's file was changed", async () => {
    const dir = copyOfMigrations();
    const postgres = await connect(await throwawayDatabase());
    await applyMigrations(pgExecutor(postgres), { migrationsDir: dir });

    const edited = path.join(dir, migrationNames()[0]!, "migration.sql");
    fs.appendFileSync(edited, "\n-- an afterthought\n");
    await expect(applyMigrations(pgExecutor(postgres), { migrationsDir: dir })).rejects.toThrow(
      new RegExp(`Migration ${migrationNames()[0]} was changed after it was applied`),
    );
  });

  it("applies new migrations only, and rolls a failing one back entirely", async () => {
    const dir = copyOfMigrations();
    const postgres = await connect(await throwawayDatabase());
    await applyMigrations(pgExecutor(postgres), { migrationsDir: dir });

    fs.mkdirSync(path.join(dir, "29990101000000_good"));
    fs.writeFileSync(
      path.join(dir, "29990101000000_good", "migration.sql"),
      `ALTER TABLE "Tenant" ADD COLUMN "note" TEXT;`,
    );
    fs.mkdirSync(path.join(dir, "29990102000000_bad"));
    fs.writeFileSync(
      path.join(dir, "29990102000000_bad", "migration.sql"),
      `CREATE TABLE "Half" (id TEXT);\nALTER TABLE "NoSuchTable" ADD COLUMN x TEXT;`,
    );

    await expect(applyMigrations(pgExecutor(postgres), { migrationsDir: dir })).rejects.toThrow(
      /Migration 29990102000000_bad failed and was rolled back: relation "NoSuchTable" does not exist/,
    );
    const names = (await postgres.query(`SELECT migration_name FROM "_prisma_migrations" ORDER BY 1`)).rows;
    expect(names.map((r) => r.migration_name)).toEqual([...migrationNames(), "29990101000000_good"]);
    expect((await postgres.query(`SELECT to_regclass('"Half"') AS half`)).rows[0].half).toBeNull();
    // The lock was released: a later run gets past it and fails on the same migration again.
    await expect(applyMigrations(pgExecutor(postgres), { migrationsDir: dir })).rejects.toThrow(
      /29990102000000_bad/,
    );
  });

  it("applies each migration exactly once when four instances start at the same time", async () => {
    const url = await throwawayDatabase();
    const clients = await Promise.all([1, 2, 3, 4].map(() => connect(url)));

    const results = await Promise.all(clients.map((client) => applyMigrations(pgExecutor(client))));

    expect(results.flatMap((r) => r.applied).sort()).toEqual(migrationNames());
    expect(results.filter((r) => r.applied.length > 0)).toHaveLength(1);
    const rows = (await clients[0]!.query(`SELECT migration_name FROM "_prisma_migrations"`)).rows;
    expect(rows.map((r) => r.migration_name).sort()).toEqual(migrationNames());
  });
});

describe("migration verification_start_channel", { timeout: 60_000 }, () => {
  it("gives existing verifications the channel of their verification.created event, else their channel", async () => {
    const dir = copyOfMigrations();
    const added = fs.readdirSync(dir).find((name) => name.endsWith("_verification_start_channel"))!;
    const held = fs.mkdtempSync(path.join(os.tmpdir(), "otpilot-held-migration-"));
    cleanups.push(async () => fs.rmSync(held, { recursive: true, force: true }));
    // It and every later migration wait, so the rows below are written in the schema just before it.
    const waiting = fs.readdirSync(dir).filter((name) => name >= added && !name.endsWith(".toml"));
    for (const name of waiting) fs.renameSync(path.join(dir, name), path.join(held, name));

    const postgres = await connect(await throwawayDatabase());
    await applyMigrations(pgExecutor(postgres), { migrationsDir: dir });
    // Rows only, no tenant or app around them: skip the foreign keys for this session.
    await postgres.query(`SET session_replication_role = replica`);
    await postgres.query(`CREATE TEMPORARY SEQUENCE seq`); // one pending verification per recipient
    const insertVerification = (id: string, channel: string) =>
      postgres.query(
        `INSERT INTO "Verification" ("id", "tenantId", "appId", "mode", "recipient", "country", "requestedChannel", "channel",
           "codeHash", "alphabet", "codeLength", "maxAttempts", "maxSends", "isNewRecipient", "expiresAt", "resendAvailableAt",
           "deliveryChannel", "deliveryProvider", "updatedAt")
         VALUES ($1, 'ten_1', 'app_1', 'test', '+1555555' || lpad(nextval('seq')::text, 4, '0'), 'US', 'auto', $2, 'h', 'numeric', 6, 5, 5, true, now(), now(), $2, 'outbox', now())`,
        [id, channel],
      );
    const insertCreatedEvent = (id: string, verificationId: string, data: object) =>
      postgres.query(
        `INSERT INTO "Event" ("id", "tenantId", "verificationId", "type", "data") VALUES ($1, 'ten_1', $2, 'verification.created', $3)`,
        [id, verificationId, JSON.stringify(data)],
      );
    // Started on WhatsApp, then a resend switched it to SMS.
    await insertVerification("ver_switched", "sms");
    await insertCreatedEvent("evt_1", "ver_switched", { channel: "whatsapp" });
    // No created event (bulk-loaded), and one whose event names no channel we know.
    await insertVerification("ver_no_event", "whatsapp");
    await insertVerification("ver_odd_event", "sms");
    await insertCreatedEvent("evt_2", "ver_odd_event", { channel: "pigeon" });

    for (const name of waiting) fs.renameSync(path.join(held, name), path.join(dir, name));
    expect((await applyMigrations(pgExecutor(postgres), { migrationsDir: dir })).applied).toEqual(waiting);
    const rows = (await postgres.query(`SELECT "id", "startChannel"::text FROM "Verification" ORDER BY "id"`)).rows;
    expect(rows).toEqual([
      { id: "ver_no_event", startChannel: "whatsapp" },
      { id: "ver_odd_event", startChannel: "sms" },
      { id: "ver_switched", startChannel: "whatsapp" },
    ]);
  });
});
