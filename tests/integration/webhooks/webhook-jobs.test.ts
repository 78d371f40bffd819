/**
 * Webhook tries are pg-boss jobs queued in the event's transaction and run by the job worker
 * (the test run's worker process; one test adds a second one).
 */
import fs from "node:fs";
import { afterAll, describe, expect, inject, it } from "vitest";
import { db } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import { enqueueWebhook } from "@/lib/webhooks/enqueue-webhook";
import { enqueueWebhookAttempt } from "@/lib/webhooks/webhook-job";
import { api, randomMobile } from "../../helpers/api";
import { newTenant } from "../../helpers/tenant";
import { killWorkerProcess, startWorkerProcess, waitForWorker } from "../../helpers/worker-process";
import { startReceiver, waitFor } from "./receiver";

const receivers: Array<{ close: () => Promise<void> }> = [];
const extraWorkers: number[] = [];
afterAll(async () => {
  for (const pid of extraWorkers) killWorkerProcess(pid, "SIGTERM");
  for (const receiver of receivers) await receiver.close();
});

/** A tenant whose app sends webhooks to `url`, and one of its verifications (sent to the test channel). */
async function tenantWithVerification(url: string) {
  const tenant = await newTenant();
  const patched = await api("PATCH", `/api/v1/apps/${tenant.appId}`, { key: tenant.live, body: { webhookUrl: url } });
  expect(patched.status).toBe(200);
  const sent = await api("POST", "/api/v1/otp/send", { key: tenant.test, body: { recipient: randomMobile() } });
  expect(sent.status, sent.text).toBe(201);
  return { ...tenant, verificationId: sent.body.id as string };
}

function eventOf(tenant: { tenantId: string; appId: string; verificationId: string }) {
  return { id: newId("evt"), tenantId: tenant.tenantId, appId: tenant.appId, verificationId: tenant.verificationId, type: "verification.canceled", at: new Date() };
}

describe("webhook jobs", () => {
  it("never sends a webhook whose event's transaction rolled back", async () => {
    const receiver = await startReceiver();
    receivers.push(receiver);
    const tenant = await tenantWithVerification(receiver.url);
    const prisma = await db();
    const rolledBack = eventOf(tenant);
    await expect(
      prisma.$transaction(async (tx) => {
        await enqueueWebhook(tx, rolledBack);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    // A committed one after it, through the same queue: once it has arrived, the other would have too.
    const committed = eventOf(tenant);
    await prisma.$transaction((tx) => enqueueWebhook(tx, committed));
    await waitFor(() => receiver.byId(committed.id).length === 1, "the committed event's webhook");

    expect(receiver.byId(rolledBack.id)).toHaveLength(0);
    expect(await prisma.webhookDelivery.count({ where: { webhookId: rolledBack.id } })).toBe(0);
    const jobs = await prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM pgboss.job j JOIN "WebhookDelivery" d ON d."id" = j.data->>'deliveryId'
       WHERE j.name = 'webhook.deliver' AND d."webhookId" = ${rolledBack.id}`;
    expect(jobs[0]!.n).toBe(0);
  });

  it("tries a delivery once per job even with two workers and its job queued twice", async () => {
    const worker = inject("worker");
    const since = fs.existsSync(worker.logFile) ? fs.statSync(worker.logFile).size : 0;
    const pidFile = `${worker.pidFile}.second`;
    extraWorkers.push(startWorkerProcess(worker.env, worker.logFile, pidFile).pid!);
    await waitForWorker(worker.logFile, since);

    // Slow answers, so that runs of the same try would overlap if two could start.
    const receiver = await startReceiver(() => 200, 1_500);
    receivers.push(receiver);
    const tenant = await tenantWithVerification(receiver.url);
    const prisma = await db();
    const events = Array.from({ length: 6 }, () => eventOf(tenant));
    await prisma.$transaction(async (tx) => {
      for (const event of events) await enqueueWebhook(tx, event);
    });
    // The same first try queued twice more for each, as pg-boss would hand out a job whose worker seemed dead.
    for (const event of events) {
      const { id } = await prisma.webhookDelivery.findUniqueOrThrow({ where: { webhookId: event.id } });
      await enqueueWebhookAttempt(null, { deliveryId: id, attempts: 0 });
      await enqueueWebhookAttempt(null, { deliveryId: id, attempts: 0 });
    }

    const settled = await waitFor(async () => {
      const rows = await prisma.webhookDelivery.findMany({ where: { webhookId: { in: events.map((e) => e.id) } } });
      return rows.every((r) => r.status === "delivered") ? rows : null;
    }, "every delivery delivered", 30_000);
    // Let every duplicate run (and find nothing to do): one that found its try held by another run
    // looks again when that hold would end, a minute on; bring those forward.
    const ids = new Set(settled.map((r) => r.id));
    await prisma.$executeRaw`
      UPDATE pgboss.job SET start_after = now()
       WHERE name = 'webhook.deliver' AND state = 'created' AND data->>'deliveryId' = ANY(${[...ids]})`;
    await waitFor(async () => {
      const open = await prisma.$queryRaw<{ deliveryId: string }[]>`
        SELECT data->>'deliveryId' AS "deliveryId" FROM pgboss.job
         WHERE name = 'webhook.deliver' AND state IN ('created', 'active', 'retry')`;
      return !open.some((job) => ids.has(job.deliveryId));
    }, "the duplicate jobs to finish", 30_000);

    for (const row of settled) expect(row.attempts).toBe(1);
    for (const event of events) expect(receiver.byId(event.id)).toHaveLength(1);
  }, 90_000);
});
