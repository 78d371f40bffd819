-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "requestsPerKeyPerSecond" INTEGER NOT NULL DEFAULT 100,
ADD COLUMN     "sendsPerDay" INTEGER NOT NULL DEFAULT 10000;

-- Hand-written: the values move out of the apps' settings, where they were read per app (a second
-- app had its own daily cap; requestsPerKeyPerSecond was ignored once a tenant had two apps). The
-- tenant keeps the strictest value any of its apps set, within the new settings' ranges.
UPDATE "Tenant" t SET "sendsPerDay" = s.v
  FROM (SELECT "tenantId", MIN(("rateLimits"->>'sendsPerTenantPerDay')::numeric) AS v
          FROM "App" WHERE jsonb_typeof("rateLimits"->'sendsPerTenantPerDay') = 'number' GROUP BY "tenantId") s
 WHERE s."tenantId" = t."id" AND s.v >= 1 AND s.v <= 100000000 AND s.v = floor(s.v);
UPDATE "Tenant" t SET "requestsPerKeyPerSecond" = s.v
  FROM (SELECT "tenantId", MIN(("rateLimits"->>'requestsPerKeyPerSecond')::numeric) AS v
          FROM "App" WHERE jsonb_typeof("rateLimits"->'requestsPerKeyPerSecond') = 'number' GROUP BY "tenantId") s
 WHERE s."tenantId" = t."id" AND s.v >= 1 AND s.v <= 100000 AND s.v = floor(s.v);
UPDATE "App" SET "rateLimits" = "rateLimits" - 'sendsPerTenantPerDay' - 'requestsPerKeyPerSecond'
 WHERE "rateLimits" ?| ARRAY['sendsPerTenantPerDay', 'requestsPerKeyPerSecond'];
