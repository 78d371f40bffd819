import { describe, expect, it, vi } from "vitest";
import { withWriteRetries } from "@/lib/delivery/attempt-delivery";

vi.mock("@/lib/db/client", () => ({ db: async () => ({}) }));

describe("recording a delivery outcome survives a database restart", () => {
  it("retries the write while the database is unavailable, then records it once", async () => {
    let calls = 0;
    const write = vi.fn(async () => {
      calls++;
      if (calls <= 2) throw Object.assign(new Error("Connection terminated unexpectedly"), {});
      if (calls === 3) throw Object.assign(new Error("the database system is starting up"), { code: "57P03" });
      return "recorded";
    });
    await expect(withWriteRetries(write, [1, 1, 1, 1])).resolves.toBe("recorded");
    expect(write).toHaveBeenCalledTimes(4);
  });

  it("does not retry a write that failed for another reason", async () => {
    const write = vi.fn(async () => {
      throw new Error("violates check constraint");
    });
    await expect(withWriteRetries(write, [1, 1])).rejects.toThrow(/check constraint/);
    expect(write).toHaveBeenCalledTimes(1);
  });

  it("gives up after its last pause, so the job queue retries the job", async () => {
    const write = vi.fn(async () => {
      throw Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    });
    await expect(withWriteRetries(write, [1, 1])).rejects.toThrow(/ECONNREFUSED/);
    expect(write).toHaveBeenCalledTimes(3);
  });
});
