import { describe, expect, it } from "vitest";
import { settlement } from "@/lib/webhooks/attempt-webhook";

const now = new Date("2026-11-30T12:00:00.000Z");
const middle = () => 0.5;

describe("settlement of a webhook try", () => {
  it("a 2xx delivers it, with the try counted and no further try", () => {
    expect(settlement({ kind: "delivered", statusCode: 204 }, 2, now)).toEqual({
      status: "delivered",
      attempts: 3,
      deliveredAt: now,
      nextAttemptAt: null,
      lastStatusCode: 204,
      lastError: null,
    });
  });

  it("410 Gone fails it at once, whatever tries are left", () => {
    expect(settlement({ kind: "gone", statusCode: 410 }, 0, now)).toMatchObject({ status: "failed", attempts: 1, nextAttemptAt: null, lastStatusCode: 410 });
  });

  it("an error keeps it pending, the next try on the webhook schedule", () => {
    const first = settlement({ kind: "error", statusCode: 500, error: "HTTP 500" }, 0, now, middle);
    expect(first).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: 500, lastError: "HTTP 500" });
    expect(first.nextAttemptAt!.getTime() - now.getTime()).toBe(15_000);
    const third = settlement({ kind: "error", statusCode: null, error: "ECONNREFUSED" }, 2, now, middle);
    expect(third.nextAttemptAt!.getTime() - now.getTime()).toBe(240_000);
  });

  it("an error on the last try fails it", () => {
    expect(settlement({ kind: "error", statusCode: 503, error: "HTTP 503" }, 7, now)).toMatchObject({ status: "failed", attempts: 8, nextAttemptAt: null });
  });

  it("no URL cancels it without counting a try", () => {
    expect(settlement({ kind: "canceled", error: "no URL" }, 3, now)).toEqual({ status: "canceled", attempts: 3, nextAttemptAt: null, lastError: "no URL" });
  });
});
