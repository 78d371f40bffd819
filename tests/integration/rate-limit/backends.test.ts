import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LimitsResult, RateLimiter } from "@/lib/rate-limit/rate-limiter";
import type { LimiterBackend } from "@/lib/rate-limit/stores/store";
import { deleteKeys, limiterOn, startBridge, uniquePrefix } from "./harness";

// The same behaviour on every backend: Upstash (through the REST bridge, so @upstash/redis itself
// runs), a Redis over TCP, and the in-process store.
const BACKENDS: LimiterBackend[] = ["upstash", "redis", "memory"];
const prefix = uniquePrefix("backends");
let bridge: Awaited<ReturnType<typeof startBridge>>;
const limiters = new Map<LimiterBackend, RateLimiter>();

beforeAll(async () => {
  bridge = await startBridge();
  for (const backend of BACKENDS) limiters.set(backend, limiterOn(backend, `${prefix}:${backend}`, bridge));
});

afterAll(async () => {
  for (const limiter of limiters.values()) await limiter.close();
  await bridge?.close();
  await deleteKeys(prefix);
});

const summary = (r: LimitsResult) =>
  r.ok ? `ok ${r.tightest.name} ${r.tightest.remaining}` : `refused ${r.failed.name}`;

describe.each(BACKENDS)("rate limiting on %s", (backend) => {
  const limiter = () => limiters.get(backend)!;

  it("refuses the 6th send to a recipient within the window, with a Retry-After inside the window", async () => {
    const results: LimitsResult[] = [];
    for (let i = 0; i < 6; i++)
      results.push(await limiter().check([{ policy: "sendsPerRecipient", id: "app_1:+15550001111" }]));

    expect(results.slice(0, 5).map((r) => r.ok)).toEqual([true, true, true, true, true]);
    expect(results.slice(0, 5).map((r) => r.tightest.remaining)).toEqual([4, 3, 2, 1, 0]);
    const sixth = results[5]!;
    expect(sixth.ok).toBe(false);
    if (sixth.ok) return;
    expect(sixth.failed).toMatchObject({ name: "sendsPerRecipient", limit: 5, remaining: 0 });
    expect(sixth.tightest).toEqual({
      name: "sendsPerRecipient",
      limit: 5,
      remaining: 0,
      reset: sixth.failed.reset,
    });
    expect(sixth.failed.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(sixth.failed.retryAfterSeconds).toBeLessThanOrEqual(600);
    expect(Number.isInteger(sixth.failed.retryAfterSeconds)).toBe(true);
    expect(sixth.failed.reset).toBeGreaterThan(Date.now());
    expect(sixth.failed.reset).toBeLessThanOrEqual(Date.now() + 600_000);
  });

  it("counts different identifiers and different policies independently", async () => {
    for (let i = 0; i < 5; i++)
      await limiter().check([{ policy: "sendsPerRecipient", id: "app_1:+15550002222" }]);
    const sameNumber = await limiter().check([{ policy: "sendsPerRecipient", id: "app_1:+15550002222" }]);
    const otherNumber = await limiter().check([{ policy: "sendsPerRecipient", id: "app_1:+15550003333" }]);
    const otherApp = await limiter().check([{ policy: "sendsPerRecipient", id: "app_2:+15550002222" }]);
    const otherPolicy = await limiter().check([{ policy: "verifiesPerRecipient", id: "app_1:+15550002222" }]);

    expect(sameNumber.ok).toBe(false);
    expect([otherNumber, otherApp].map(summary)).toEqual([
      "ok sendsPerRecipient 4",
      "ok sendsPerRecipient 4",
    ]);
    expect(summary(otherPolicy)).toBe("ok verifiesPerRecipient 9");
  });

  it("peeks without consuming", async () => {
    const check = { policy: "verifiesPerRecipient" as const, id: "app_1:+15550004444" };
    const before = await limiter().peek([check]);
    const again = await limiter().peek([check]);
    await limiter().check([check]);
    const after = await limiter().peek([check]);

    expect(before).toEqual(again);
    expect(before[0]).toMatchObject({ name: "verifiesPerRecipient", limit: 10, remaining: 10 });
    expect(after[0]!.remaining).toBe(9);
  });

  it("allows exactly the limit among concurrent calls", async () => {
    const check = { policy: "sendsPerRecipient" as const, id: "app_1:+15550005555" };
    const results = await Promise.all(Array.from({ length: 20 }, () => limiter().check([check])));

    expect(results.filter((r) => r.ok)).toHaveLength(5);
    expect((await limiter().peek([check]))[0]!.remaining).toBe(0);
  });

  it("applies an app's override instead of the default", async () => {
    const check = {
      policy: "sendsPerRecipient" as const,
      id: "app_1:+15550006666",
      override: { limit: 2, windowSeconds: 30 },
    };
    const results = [
      await limiter().check([check]),
      await limiter().check([check]),
      await limiter().check([check]),
    ];

    expect(results.map((r) => r.ok)).toEqual([true, true, false]);
    expect(results[0]!.tightest.limit).toBe(2);
    expect(results[2]!.failed!.retryAfterSeconds).toBeLessThanOrEqual(30);
  });

  it("reports the tightest of several limits, and refunds the others when one refuses", async () => {
    const recipient = {
      policy: "sendsPerRecipient" as const,
      id: "app_1:+15550007777",
      override: { limit: 1, windowSeconds: 600 },
    };
    const tenant = { policy: "sendsPerTenantPerDay" as const, id: "ten_refund" };

    const first = await limiter().check([recipient, tenant]);
    expect(first.ok).toBe(true);
    expect(first.tightest).toMatchObject({ name: "sendsPerRecipient", remaining: 0 });

    const refused = await limiter().check([recipient, tenant]);
    expect(refused.ok).toBe(false);
    expect(refused.failed?.name).toBe("sendsPerRecipient");
    // Only the first (allowed) send counts against the tenant's daily cap.
    expect((await limiter().peek([tenant]))[0]!.remaining).toBe(9_999);
  });

  it("forgets an identifier's count on reset", async () => {
    const check = { policy: "widgetSendsPerIp" as const, id: "app_1:203.0.113.9" };
    for (let i = 0; i < 10; i++) await limiter().check([check]);
    expect((await limiter().check([check])).ok).toBe(false);

    await limiter().reset("widgetSendsPerIp", "app_1:203.0.113.9");
    expect(summary(await limiter().check([check]))).toBe("ok widgetSendsPerIp 9");
  });

  it("keeps a plain value (the configuration versions), read back as written, and null when unset", async () => {
    const key = `${prefix}:${backend}:value`;
    expect(await limiter().readValue(key)).toBeNull();
    await limiter().writeValue(key, "1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed");
    expect(await limiter().readValue(key)).toBe("1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed");
    await limiter().writeValue(key, "42");
    expect(await limiter().readValue(key)).toBe("42");
  });

  it("keeps a JSON value as written (the verify hints) until its time to live ends", async () => {
    const key = `${prefix}:${backend}:expiring`;
    const value = JSON.stringify({ tenantId: "ten_1", recipient: "+5511999990000", n: 1 });
    await limiter().writeValue(key, value, 1);
    expect(await limiter().readValue(key)).toBe(value);
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(await limiter().readValue(key)).toBeNull();
  });

  it("lets requests through again when the window ends", async () => {
    const check = {
      policy: "requestsPerKey" as const,
      id: "key_window",
      override: { limit: 1, windowSeconds: 1 },
    };
    // Start just after a window boundary, so both calls fall into the same 1-second window.
    await new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 20));
    await limiter().check([check]);
    const refused = await limiter().check([check]);
    expect(refused.ok).toBe(false);

    await new Promise((r) => setTimeout(r, Math.max(0, refused.failed!.reset - Date.now()) + 50));
    expect((await limiter().check([check])).ok).toBe(true);
  });
});

describe("all backends", () => {
  it("give the same results for the same sequence", async () => {
    const override = { limit: 10, windowSeconds: 3600 };
    const sequence = [
      { policy: "sendsPerNumberPrefix" as const, id: "app_1:+1555000", override },
      { policy: "sendsPerNumberPrefix" as const, id: "app_1:+1555000", override },
      { policy: "sendsPerNumberPrefix" as const, id: "app_1:+1555999", override },
    ];
    const outcomes = await Promise.all(
      BACKENDS.map(async (backend) => {
        const limiter = limiters.get(backend)!;
        const seen: string[] = [];
        for (let i = 0; i < 25; i++) seen.push(summary(await limiter.check([sequence[i % 3]!])));
        seen.push(JSON.stringify((await limiter.peek(sequence)).map((s) => [s.name, s.limit, s.remaining])));
        return seen;
      }),
    );

    expect(outcomes[0]).toContain("refused sendsPerNumberPrefix");
    expect(outcomes[1]).toEqual(outcomes[0]);
    expect(outcomes[2]).toEqual(outcomes[0]);
  });
});
