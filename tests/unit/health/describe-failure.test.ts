import { describe, expect, it } from "vitest";
import { describeFailure } from "@/lib/health/check-health";

describe("describeFailure: /api/health says why a dependency is down", () => {
  it("reads a refused connection out of an AggregateError with an empty message", () => {
    const refused = (address: string) =>
      Object.assign(new Error(`connect ECONNREFUSED ${address}:5432`), { code: "ECONNREFUSED" });
    const error = Object.assign(new AggregateError([refused("::1"), refused("127.0.0.1")], ""), { code: "ECONNREFUSED" });
    expect(describeFailure(error)).toMatch(/ECONNREFUSED/);
    expect(describeFailure(error)).not.toBe("");
  });

  it("reads the cause of a wrapped error and hides credentials", () => {
    const error = new Error("", { cause: new Error("Connection terminated unexpectedly postgresql://otp:secret@db:5432/x") });
    const text = describeFailure(error);
    expect(text).toContain("Connection terminated unexpectedly");
    expect(text).not.toContain("secret");
  });

  it("never answers an empty string", () => {
    expect(describeFailure(new Error(""))).toBe("unknown error");
    expect(describeFailure(undefined)).toBe("unknown error");
  });
});
