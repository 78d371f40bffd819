/**
 * `npm run seed -- --count 1000000 [--tenant ten_…] [--days 30]`: bulk-loads verifications, with
 * their verify attempts, events and report rollups, into the configured database (DATABASE_URL, or
 * the embedded one) for benchmarks and demos. Rows are made by the database in batches of
 * INSERT … SELECT generate_series, never one by one from Node. Without --tenant a new tenant is
 * created and its keys are printed. Outcomes: ~70% approved (verify times skewed towards seconds),
 * 10% failed, 12% expired, 8% canceled; 80% SMS; six countries; 97% delivered.
 */
import { parseArgs } from "node:util";
import { closeDb, db, migrateDb } from "@/lib/db/client";
import { rebuildRollups } from "@/lib/reports/rebuild-rollups";
import { createTenant } from "@/lib/tenants/create-tenant";

const BATCH = 100_000;

const { values } = parseArgs({
  options: {
    count: { type: "string", default: "10000" },
    tenant: { type: "string" },
    days: { type: "string", default: "30" },
  },
});
const count = Number(values.count);
const days = Number(values.days);
if (!Number.isSafeInteger(count) || count < 1 || !(days > 0)) {
  console.error("usage: npm run seed -- --count <n ≥ 1> [--tenant ten_…] [--days <n>]");
  process.exit(2);
}

try {
  await migrateDb();
  const prisma = await db();
  let tenantId = values.tenant;
  if (!tenantId) {
    const tenant = await createTenant({ name: `seed-${new Date().toISOString()}` });
    tenantId = tenant.tenantId;
    console.log(JSON.stringify({ tenantId, appId: tenant.appId, testKey: tenant.keys.test.secret }));
  }
  const app = await prisma.app.findFirstOrThrow({ where: { tenantId }, orderBy: { createdAt: "asc" } });
  const started = Date.now();
  for (let first = 1; first <= count; first += BATCH) {
    const last = Math.min(count, first + BATCH - 1);
    await seedBatch(tenantId, app.id, first, last, days);
    console.log(`seeded ${last}/${count} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
  // Fresh statistics first: the rebuild's per-verification event lookups need the planner to know
  // the event table is large (it would scan it per row otherwise).
  await prisma.$executeRawUnsafe(`ANALYZE "Verification", "Event", "VerifyAttempt"`);
  await rebuildRollups(prisma, tenantId);
  await prisma.$executeRawUnsafe(`ANALYZE "ReportRollup", "ReportVerifyTime"`);
  console.log(`rollups rebuilt; total ${((Date.now() - started) / 1000).toFixed(1)} s`);
} finally {
  await closeDb();
}

async function seedBatch(tenantId: string, appId: string, first: number, last: number, days: number) {
  const prisma = await db();
  // Ids are valid TypeIDs ("0" + 25 hex digits is Crockford base32), unique per tenant and row.
  await prisma.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(
        `
        INSERT INTO "Verification" ("id", "tenantId", "appId", "mode", "recipient", "country", "requestedChannel", "channel", "startChannel",
          "status", "codeHash", "alphabet", "codeLength", "attempts", "maxAttempts", "sendCount", "maxSends", "externalId",
          "isNewRecipient", "expiresAt", "resendAvailableAt", "verifiedAt", "endedAt", "deliveryStatus", "deliveryChannel",
          "deliveryProvider", "deliveryUpdatedAt", "createdAt", "updatedAt")
        SELECT 'ver_0' || substr(md5($1 || i), 1, 25), $1, $2, 'test', c.prefix || lpad((i % (10 ^ c.digits)::int)::text, c.digits, '0'), c.country,
               s.channel, s.channel::"Channel", s.channel::"Channel",
               s.status::"VerificationStatus", md5(i::text), 'numeric', 6,
               CASE s.status WHEN 'failed' THEN 5 WHEN 'approved' THEN (s.r2 < 0.2)::int ELSE 0 END, 5, 1, 5,
               'user-' || (i % 50000), s.r2 < 0.5,
               s.created + interval '10 minutes', s.created + interval '30 seconds',
               CASE WHEN s.status = 'approved' THEN s.created + s.ttv END,
               CASE s.status WHEN 'approved' THEN s.created + s.ttv WHEN 'expired' THEN s.created + interval '10 minutes'
                             WHEN 'pending' THEN NULL ELSE s.created + interval '1 minute' END,
               CASE WHEN s.r3 < 0.97 THEN 'delivered' ELSE 'failed' END::"DeliveryStatus", s.channel::"Channel", 'outbox',
               s.created, s.created, s.created
          FROM (SELECT i, r, r2, r3,
                       now() - random() * interval '${days} days' AS created,
                       CASE WHEN r3 < 0.8 THEN 'sms' ELSE 'whatsapp' END AS channel,
                       CASE WHEN r < 0.70 THEN 'approved' WHEN r < 0.80 THEN 'failed' WHEN r < 0.92 THEN 'expired' ELSE 'canceled' END AS status,
                       make_interval(secs => floor(3 + 200 * r2 * r2 * r2)) AS ttv
                  FROM (SELECT i, random() AS r, random() AS r2, random() AS r3 FROM generate_series($3::int, $4::int) i) g) s
          JOIN (VALUES (0, 'BR', '+55119', 8), (1, 'US', '+14152', 6), (2, 'IN', '+9198', 8), (3, 'GB', '+447700', 6),
                       (4, 'DE', '+49151', 8), (5, 'MX', '+5255', 8)) AS c(n, country, prefix, digits) ON c.n = s.i % 6`,
        tenantId,
        appId,
        first,
        last,
      );
      const batch = `v."tenantId" = $1 AND v."id" IN (SELECT 'ver_0' || substr(md5($1 || i), 1, 25) FROM generate_series($2::int, $3::int) i)`;
      await tx.$executeRawUnsafe(
        `
        INSERT INTO "Event" ("id", "tenantId", "appId", "verificationId", "type", "data", "createdAt")
        SELECT 'evt_0' || substr(md5(v."id" || e.type), 1, 25), v."tenantId", v."appId", v."id", e.type, e.data, e.at
          FROM "Verification" v
          CROSS JOIN LATERAL (VALUES
            ('verification.created', jsonb_build_object('channel', v."channel", 'country', v."country", 'mode', 'test'), v."createdAt", true),
            ('message.sent', jsonb_build_object('channel', v."channel", 'provider', 'outbox'), v."createdAt", true),
            ('message.delivered', jsonb_build_object('channel', v."channel", 'provider', 'outbox'), v."createdAt" + interval '1 second',
              v."deliveryStatus" = 'delivered'),
            ('message.failed', jsonb_build_object('channel', v."channel", 'provider', 'outbox'), v."createdAt" + interval '1 second',
              v."deliveryStatus" = 'failed'),
            ('verification.' || v."status", '{}'::jsonb, v."endedAt", v."status" <> 'pending')
          ) AS e(type, data, at, happened)
         WHERE ${batch} AND e.happened`,
        tenantId,
        first,
        last,
      );
      await tx.$executeRawUnsafe(
        `
        INSERT INTO "VerifyAttempt" ("id", "tenantId", "verificationId", "success", "reason", "ip", "createdAt")
        SELECT 'vat_0' || substr(md5(v."id" || n), 1, 25), v."tenantId", v."id",
               v."status" = 'approved' AND n = v."attempts" + 1,
               CASE WHEN v."status" = 'approved' AND n = v."attempts" + 1 THEN 'approved'
                    WHEN v."status" = 'failed' AND n = v."attempts" THEN 'too_many_attempts' ELSE 'invalid_code' END,
               '203.0.113.' || (n * 17 % 250), v."createdAt" + n * interval '5 seconds'
          FROM "Verification" v
          CROSS JOIN LATERAL generate_series(1, v."attempts" + (v."status" = 'approved')::int) n
         WHERE ${batch}`,
        tenantId,
        first,
        last,
      );
    },
    { timeout: 30 * 60_000, maxWait: 60_000 },
  );
}
