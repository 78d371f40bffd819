import { describe, expect, it } from "vitest";
import { retryDelaySeconds, SCHEDULES, type BackoffSchedule } from "@/lib/jobs/backoff";

const lowest = () => 0;
const highest = () => 1;

describe("retryDelaySeconds", () => {
  const plain: BackoffSchedule = { maxTries: 5, firstDelaySeconds: 3, growth: 2, capSeconds: 10, jitter: [1, 1] };

  it("grows by the schedule's factor per failed try, up to its cap", () => {
    expect([1, 2, 3, 4].map((n) => retryDelaySeconds(plain, n))).toEqual([3, 6, 10, 10]);
  });

  it("allows no try beyond maxTries", () => {
    expect(retryDelaySeconds(plain, 5)).toBeNull();
    expect(retryDelaySeconds(plain, 9)).toBeNull();
  });

  it("draws the wait between the jitter's shares", () => {
    const jittered = { ...plain, jitter: [0.5, 1.5] as const };
    expect(retryDelaySeconds(jittered, 2, lowest)).toBe(3);
    expect(retryDelaySeconds(jittered, 2, highest)).toBe(9);
    expect(retryDelaySeconds(jittered, 2, () => 0.5)).toBe(6);
  });
});

describe("SCHEDULES.delivery", () => {
  const delivery = SCHEDULES.delivery;

  it("waits between half and all of 2 s, 4 s, 8 s, then the channel has failed", () => {
    expect(retryDelaySeconds(delivery, 1, lowest)).toBe(1);
    expect(retryDelaySeconds(delivery, 1, highest)).toBe(2);
    expect(retryDelaySeconds(delivery, 2, lowest)).toBe(2);
    expect(retryDelaySeconds(delivery, 3, highest)).toBe(8);
    expect(retryDelaySeconds(delivery, 4)).toBeNull();
  });

  it("never waits more than a minute, however long the schedule were", () => {
    const long = { ...delivery, maxTries: 100 };
    expect(retryDelaySeconds(long, 20, highest)).toBe(60);
    expect(retryDelaySeconds(long, 20, lowest)).toBe(30);
  });

  it("spreads retries with jitter", () => {
    const delays = new Set(Array.from({ length: 20 }, () => retryDelaySeconds(delivery, 3)!));
    expect(delays.size).toBeGreaterThan(1);
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(4);
      expect(delay).toBeLessThanOrEqual(8);
    }
  });
});

describe("SCHEDULES.webhook", () => {
  const webhook = SCHEDULES.webhook;

  it("starts at 15 s ± 20 %, grows fourfold, and gives up after 8 tries, about a day in all", () => {
    expect(retryDelaySeconds(webhook, 1, lowest)).toBe(12);
    expect(retryDelaySeconds(webhook, 1, highest)).toBe(18);
    for (let n = 2; n < webhook.maxTries; n++) expect(retryDelaySeconds(webhook, n, lowest)).toBe(retryDelaySeconds(webhook, n - 1, lowest)! * 4);
    expect(retryDelaySeconds(webhook, 8)).toBeNull();
    let total = 0;
    for (let n = 1; n < webhook.maxTries; n++) total += retryDelaySeconds(webhook, n, () => 0.5)!;
    expect(total / 3600).toBeGreaterThan(20);
    expect(total / 3600).toBeLessThan(26);
  });

  it("spreads retries at random", () => {
    const delays = new Set(Array.from({ length: 20 }, () => retryDelaySeconds(webhook, 3)));
    expect(delays.size).toBeGreaterThan(10);
  });
});
