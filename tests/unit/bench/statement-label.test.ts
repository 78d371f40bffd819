import { describe, expect, it } from "vitest";
import { statementLabel } from "../../../scripts/bench/profile";

describe("statementLabel (the benchmark's per-statement counts)", () => {
  it("names the verb and the table of Prisma's statements", () => {
    expect(
      statementLabel(
        'SELECT "public"."App"."id", "public"."App"."rateLimits" FROM "public"."App" WHERE ("public"."App"."tenantId" = $1)',
      ),
    ).toBe("SELECT App");
    expect(
      statementLabel(
        'INSERT INTO "public"."Event" ("id","tenantId") VALUES ($1,$2) RETURNING "public"."Event"."id"',
      ),
    ).toBe("INSERT Event");
    expect(statementLabel('UPDATE "public"."Verification" SET "status" = $1 WHERE "id" = $2')).toBe(
      "UPDATE Verification",
    );
    expect(statementLabel('DELETE FROM "Idempotency" WHERE "id" = $1')).toBe("DELETE Idempotency");
  });

  it("tells row locks, function calls and transaction control apart", () => {
    expect(statementLabel('SELECT 1 FROM "Verification" WHERE "id" = $1 FOR UPDATE')).toBe(
      "SELECT Verification FOR UPDATE",
    );
    expect(statementLabel("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))")).toBe(
      "SELECT pg_advisory_xact_lock",
    );
    expect(statementLabel("  begin ")).toBe("BEGIN");
    expect(statementLabel("COMMIT")).toBe("COMMIT");
  });

  it("ignores line breaks and indentation", () => {
    expect(statementLabel('\n  INSERT INTO "ReportRollup"\n    ("tenantId") SELECT 1')).toBe(
      "INSERT ReportRollup",
    );
  });
});
