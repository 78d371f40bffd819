import { describe, expect, it, vi } from "vitest";
import type { LimitCheck } from "@/lib/rate-limit/rate-limiter";

const applied: LimitCheck[][] = [];
const tenantReads: string[] = [];

vi.mock("@/lib/db/client", () => ({
  db: async () => ({
    tenant: {
      findUnique: async ({ where }: { where: { id: string } }) => {
        tenantReads.push(where.id);
        return { sendsPerDay: 50, requestsPerKeyPerSecond: 5 };
      },
    },
  }),
}));
vi.mock("@/lib/rate-limit/limiter", () => ({
  checkLimits: async (checks: LimitCheck[]) => {
    applied.push(checks);
    const tightest = { name: checks[0]!.policy, limit: 1, remaining: 1, reset: Date.now() + 1000 };
    return { ok: true, tightest };
  },
  peekLimits: async () => [],
}));

const { RateLimitTracker } = await import("@/lib/http/rate-limit-tracker");

const context = { tenantId: "ten_1", appId: "app_1" };

describe("tenant-wide limits in the tracker", () => {
  it("take the values the key was read with: no database read for the key limit or the daily cap", async () => {
    applied.length = 0;
    tenantReads.length = 0;
    const tracker = new RateLimitTracker();
    await tracker.checkKey({
      keyId: "key_1",
      tenantId: "ten_1",
      mode: "test",
      appIds: [],
      tenantLimits: { sendsPerDay: 1234, requestsPerKeyPerSecond: 9 },
    });
    await tracker.enforce(
      [
        { policy: "sendsPerRecipient", id: "app_1:+5511900000000" },
        { policy: "sendsPerTenantPerDay", id: "ten_1" },
      ],
      { sendsPerRecipient: 3 },
      context,
    );
    expect(tenantReads).toEqual([]);
    expect(applied[0]![0]!.override).toEqual({ limit: 9, windowSeconds: 1 });
    expect(applied[1]!.map((check) => check.override?.limit)).toEqual([3, 1234]);
  });

  it("are read once per request when the principal lacks them (the widget's)", async () => {
    applied.length = 0;
    tenantReads.length = 0;
    const tracker = new RateLimitTracker();
    await tracker.enforce([{ policy: "sendsPerTenantPerDay", id: "ten_1" }], null, context);
    await tracker.enforce([{ policy: "sendsPerTenantPerDay", id: "ten_1" }], null, context);
    expect(tenantReads).toEqual(["ten_1"]);
    expect(applied.map(([check]) => check!.override?.limit)).toEqual([50, 50]);
  });
});
