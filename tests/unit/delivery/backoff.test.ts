import { describe, expect, it } from "vitest";
import { backoffSeconds } from "@/lib/delivery/backoff";

describe("backoffSeconds", () => {
  it("doubles per try, between half and all of the ceiling", () => {
    expect(backoffSeconds(1, () => 0)).toBe(1);
    expect(backoffSeconds(1, () => 1)).toBe(2);
    expect(backoffSeconds(2, () => 0)).toBe(2);
    expect(backoffSeconds(3, () => 1)).toBe(8);
  });

  it("is capped at 60 seconds however many tries", () => {
    expect(backoffSeconds(20, () => 1)).toBe(60);
    expect(backoffSeconds(20, () => 0)).toBe(30);
  });

  it("spreads retries with jitter", () => {
    const delays = new Set(Array.from({ length: 20 }, () => backoffSeconds(4)));
    expect(delays.size).toBeGreaterThan(1);
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(8);
      expect(delay).toBeLessThanOrEqual(16);
    }
  });
});
