import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { enqueue } from "@/lib/jobs/enqueue";
import { registerHandler, startWorker, stopWorker } from "@/lib/jobs/worker";

// Job names of this file only, so the test server's own worker never takes these jobs.
const suffix = randomUUID().slice(0, 8);
const ECHO = `test.echo-${suffix}`;
const FLAKY = `test.flaky-${suffix}`;
const runs: Array<{ marker: string; retryCount: number }> = [];
let flakyCalls = 0;

async function waitFor<T>(read: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  registerHandler<{ marker: string }>(ECHO, async (payload, job) => void runs.push({ marker: payload.marker, retryCount: job.retryCount }), {
    pollingIntervalSeconds: 0.5,
  });
  registerHandler<{ marker: string }>(
    FLAKY,
    async (payload, job) => {
      flakyCalls++;
      if (job.retryCount === 0) throw new Error("first run fails");
      runs.push({ marker: payload.marker, retryCount: job.retryCount });
    },
    { pollingIntervalSeconds: 0.5 },
  );
  await startWorker();
});

afterAll(async () => {
  await stopWorker();
});

describe("job queue", () => {
  it("runs a job enqueued in a committed transaction, with its payload", async () => {
    const prisma = await db();
    await prisma.$transaction(async (tx) => {
      await enqueue(tx, ECHO, { marker: "committed" });
    });
    const run = await waitFor(() => runs.find((r) => r.marker === "committed"));
    expect(run.retryCount).toBe(0);
  });

  it("never runs a job whose transaction rolled back", async () => {
    const prisma = await db();
    await expect(
      prisma.$transaction(async (tx) => {
        await enqueue(tx, ECHO, { marker: "rolled-back" });
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    await enqueue(null, ECHO, { marker: "after-rollback" });
    await waitFor(() => runs.find((r) => r.marker === "after-rollback"));
    expect(runs.some((r) => r.marker === "rolled-back")).toBe(false);
  });

  it("enqueues once per dedupe key", async () => {
    const first = await enqueue(null, ECHO, { marker: "deduped" }, { dedupeKey: "k1" });
    const second = await enqueue(null, ECHO, { marker: "deduped" }, { dedupeKey: "k1" });
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(second).toBeNull();
    await waitFor(() => runs.find((r) => r.marker === "deduped"));
    await new Promise((r) => setTimeout(r, 1500));
    expect(runs.filter((r) => r.marker === "deduped")).toHaveLength(1);
  });

  it("honours startAfter", async () => {
    const enqueuedAt = Date.now();
    await enqueue(null, ECHO, { marker: "later" }, { startAfter: 2 });
    await waitFor(() => runs.find((r) => r.marker === "later"));
    expect(Date.now() - enqueuedAt).toBeGreaterThanOrEqual(1900);
  });

  it("retries a job whose handler throws", async () => {
    await enqueue(null, FLAKY, { marker: "flaky" }, { retryLimit: 2 });
    const run = await waitFor(() => runs.find((r) => r.marker === "flaky"), 20_000);
    expect(run.retryCount).toBe(1);
    expect(flakyCalls).toBe(2);
  });
});
