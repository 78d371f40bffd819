import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { api, expectProblem, randomMobile } from "../../helpers/api";
import { newTenant, setTenantLimits } from "../../helpers/tenant";

/**
 * Limits count in fixed windows aligned to the clock (10 minutes for sends and verifies). A test
 * that happens to straddle a window boundary sees its count restart; run it again once then.
 */
async function inOneWindow(windowSeconds: number, body: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const window = Math.floor(Date.now() / 1000 / windowSeconds);
    try {
      await body();
      return;
    } catch (error) {
      const crossed = Math.floor(Date.now() / 1000 / windowSeconds) !== window;
      if (!crossed || attempt === 2) throw error;
    }
  }
}

describe("rate limits (CONTRACT §5)", () => {
  it("the sixth send to a recipient within 10 minutes → 429 with Retry-After in seconds", () =>
    inOneWindow(600, async () => {
      const t = await newTenant();
      const recipient = randomMobile();
      for (let i = 0; i < 5; i++) {
        const ok = await api("POST", "/api/v1/otp/send", { key: t.test, body: { recipient } });
        expect(ok.status, ok.text).toBe(201);
        expect(Number(ok.headers.get("ratelimit-remaining"))).toBe(4 - i);
        expect(ok.headers.get("ratelimit-limit")).toBe("5");
      }
      const limited = await api("POST", "/api/v1/otp/send", { key: t.test, body: { recipient } });
      const problem = expectProblem(limited, 429, "rate_limited");
      const retryAfter = Number(limited.headers.get("retry-after"));
      expect(Number.isInteger(retryAfter)).toBe(true);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(600);
      expect(problem.retryAfter).toBe(retryAfter);
      expect(limited.headers.get("ratelimit-remaining")).toBe("0");
      // Another recipient is not affected.
      expect(
        (await api("POST", "/api/v1/otp/send", { key: t.test, body: { recipient: randomMobile() } })).status,
      ).toBe(201);
      // The hit is in the log.
      const prisma = await db();
      expect(await prisma.event.count({ where: { tenantId: t.tenantId, type: "rate_limit.hit" } })).toBe(1);
    }));

  it("spelling variants of one number share its limit", async () => {
    const t = await newTenant({ rateLimits: { sendsPerRecipient: 3 } });
    const spellings = [
      { recipient: "+55 11 98765-1111" },
      { phoneNumber: "(11) 98765-1111", countryCode: "BR" },
      { mobileNumber: "11987651111", countryCode: "+55" },
    ];
    for (const body of spellings)
      expect((await api("POST", "/api/v1/otp/send", { key: t.test, body })).status).toBe(201);
    expectProblem(
      await api("POST", "/api/v1/otp/send", { key: t.test, body: { recipient: "+5511987651111" } }),
      429,
      "rate_limited",
    );
  });

  it("a spoofed X-Forwarded-For does not reset a limit", async () => {
    const t = await newTenant({ rateLimits: { sendsPerRecipient: 2 } });
    const recipient = randomMobile();
    for (let i = 0; i < 2; i++) {
      expect(
        (
          await api("POST", "/api/v1/otp/send", {
            key: t.test,
            body: { recipient },
            headers: { "X-Forwarded-For": `10.0.0.${i}` },
          })
        ).status,
      ).toBe(201);
    }
    const spoofed = await api("POST", "/api/v1/otp/send", {
      key: t.test,
      body: { recipient },
      headers: { "X-Forwarded-For": "203.0.113.99", "X-Real-IP": "203.0.113.99" },
    });
    expectProblem(spoofed, 429, "rate_limited");
  });

  it("verify attempts per recipient are limited across verifications", async () => {
    const t = await newTenant({ rateLimits: { verifiesPerRecipient: 3 }, maxAttempts: 10 });
    const recipient = randomMobile();
    const sent = await api("POST", "/api/v1/otp/send", { key: t.test, body: { recipient } });
    for (let i = 0; i < 3; i++) {
      expect(
        (
          await api("POST", "/api/v1/otp/verify", {
            key: t.test,
            body: { id: sent.body.id, code: "0000000000" },
          })
        ).status,
      ).toBe(422);
    }
    expectProblem(
      await api("POST", "/api/v1/otp/verify", {
        key: t.test,
        body: { id: sent.body.id, code: "0000000000" },
      }),
      429,
      "rate_limited",
    );
    // The limited call did not count an attempt.
    expect((await api("GET", `/api/v1/otp/${sent.body.id}`, { key: t.test })).body.attempts).toBe(3);
  });

  it("requests per key per second", async () => {
    const t = await newTenant();
    await setTenantLimits(t.tenantId, { requestsPerKeyPerSecond: 3 });
    const started = Date.now();
    const responses = await Promise.all(
      Array.from({ length: 12 }, () => api("GET", `/api/v1/apps/${t.appId}`, { key: t.test })),
    );
    // One-second fixed windows: a burst that straddles a boundary may use two (or, on a slow
    // machine, more) windows, each allowing 3.
    const windows = Math.floor(Date.now() / 1000) - Math.floor(started / 1000) + 1;
    const limited = responses.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(1);
    expect(responses.filter((r) => r.status === 200).length).toBeLessThanOrEqual(3 * windows);
    expect(limited[0]!.body.code).toBe("rate_limited");
    expect(Number(limited[0]!.headers.get("retry-after"))).toBe(1);
  });

  it("changing a limit through the API applies to the next request", async () => {
    const t = await newTenant({ rateLimits: { sendsPerRecipient: 1 } });
    const recipient = randomMobile();
    expect((await api("POST", "/api/v1/otp/send", { key: t.test, body: { recipient } })).status).toBe(201);
    expect((await api("POST", "/api/v1/otp/send", { key: t.test, body: { recipient } })).status).toBe(429);
    await api("PATCH", `/api/v1/apps/${t.appId}`, {
      key: t.test,
      body: { rateLimits: { sendsPerRecipient: 10 } },
    });
    expect((await api("POST", "/api/v1/otp/send", { key: t.test, body: { recipient } })).status).toBe(201);
  });
});
