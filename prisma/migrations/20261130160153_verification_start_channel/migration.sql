-- Reports count a verification under the channel it was first sent on. The rollup statements read
-- it from the verification's row instead of looking up its `verification.created` event: that
-- lookup cost two index scans per verify, and on a table whose statistics were stale the planner
-- took the (tenantId, type, createdAt) index for it and read every created event of the tenant.
ALTER TABLE "Verification" ADD COLUMN "startChannel" "Channel";

UPDATE "Verification" v
   SET "startChannel" = COALESCE(
         (SELECT (c."data"->>'channel')::"Channel" FROM "Event" c
           WHERE c."tenantId" = v."tenantId" AND c."verificationId" = v."id" AND c."type" = 'verification.created'
             AND c."data"->>'channel' IN (SELECT unnest(enum_range(NULL::"Channel"))::text)
           LIMIT 1),
         v."channel");

ALTER TABLE "Verification" ALTER COLUMN "startChannel" SET NOT NULL;

-- The events of one verification by type (is there a delivered one yet?) match all three columns,
-- so the planner prefers this index to (tenantId, type, createdAt) even before statistics exist.
DROP INDEX "Event_tenantId_verificationId_idx";
CREATE INDEX "Event_tenantId_verificationId_type_idx" ON "Event"("tenantId", "verificationId", "type");
