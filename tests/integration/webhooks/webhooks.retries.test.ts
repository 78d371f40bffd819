import { afterEach, describe, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import { db } from "@/lib/db/client";
import { api, randomMobile } from "../../helpers/api";
import { newTenant, type TestTenant } from "../../helpers/tenant";
import { startReceiver, waitFor } from "./receiver";

type Receiver = Awaited<ReturnType<typeof startReceiver>>;
let receiver: Receiver | undefined;
afterEach(() => receiver?.close());

async function tenantPointingAt(url: string): Promise<TestTenant & { secret: string }> {
  // Over HTTP: the test server runs with OTPILOT_ALLOW_PRIVATE_WEBHOOKS=1, this test process does not.
  const tenant = await newTenant();
  expect(
    (await api("PATCH", `/api/v1/apps/${tenant.appId}`, { key: tenant.live, body: { webhookUrl: url } }))
      .status,
  ).toBe(200);
  const { secret } = (await api("GET", `/api/v1/apps/${tenant.appId}/webhook-secret`, { key: tenant.live }))
    .body;
  return { ...tenant, secret };
}

async function deliveryOf(webhookId: string) {
  return (await db()).webhookDelivery.findUniqueOrThrow({ where: { webhookId } });
}

/**
 * Retries are minutes apart; after an attempt has been recorded, the test moves that row's next
 * attempt, and the queued job for it, to now (the only shortcut: the worker's own job does the retry).
 */
async function fastForward(webhookId: string, afterAttempts: number) {
  await waitFor(async () => {
    const row = await deliveryOf(webhookId);
    return (
      row.attempts === afterAttempts &&
      row.status === "pending" &&
      row.nextAttemptAt! > new Date(Date.now() + 5_000)
    );
  }, `attempt ${afterAttempts} of ${webhookId} to be recorded`);
  const prisma = await db();
  const { id } = await deliveryOf(webhookId);
  await prisma.$transaction(async (tx) => {
    await tx.webhookDelivery.updateMany({
      where: { webhookId, attempts: afterAttempts, status: "pending" },
      data: { nextAttemptAt: new Date() },
    });
    await tx.$executeRaw`
      UPDATE pgboss.job SET start_after = now()
       WHERE name = 'webhook.deliver' AND state = 'created' AND data->>'deliveryId' = ${id} AND (data->>'attempts')::int = ${afterAttempts}`;
  });
}

describe("webhook retries", () => {
  it("retries a 500 with backoff under the same webhook-id and body until a 2xx", async () => {
    receiver = await startReceiver((attempt) => (attempt <= 2 ? 500 : 200));
    const tenant = await tenantPointingAt(receiver.url);
    const sent = await api("POST", "/api/v1/otp/cancel", {
      key: tenant.test,
      body: {
        id: (await api("POST", "/api/v1/otp/send", { key: tenant.test, body: { recipient: randomMobile() } }))
          .body.id,
      },
    });
    expect(sent.status, sent.text).toBe(200);

    const first = await waitFor(
      () => receiver!.received.find((r) => JSON.parse(r.body).type === "verification.canceled"),
      "the canceled event",
    );
    const id = first.headers["webhook-id"]!;
    const row = await waitFor(async () => {
      const r = await deliveryOf(id);
      return r.attempts === 1 ? r : null;
    }, "attempt 1 recorded");
    expect(row).toMatchObject({
      status: "pending",
      lastStatusCode: 500,
      lastError: "HTTP 500: receiver says no",
    });
    // First retry after 15 s ± 20 %.
    const wait = row.nextAttemptAt!.getTime() - row.lastAttemptAt!.getTime();
    expect(wait).toBeGreaterThanOrEqual(12_000);
    expect(wait).toBeLessThanOrEqual(18_000);

    await fastForward(id, 1);
    await fastForward(id, 2);
    await waitFor(() => receiver!.byId(id).length === 3, "the third attempt");
    const attempts = receiver.byId(id);
    expect(attempts.map((a) => a.status)).toEqual([500, 500, 200]);
    expect(new Set(attempts.map((a) => a.body)).size).toBe(1);
    for (const attempt of attempts)
      expect(new Webhook(tenant.secret).verify(attempt.body, attempt.headers)).toMatchObject({
        type: "verification.canceled",
      });

    const done = await waitFor(async () => {
      const r = await deliveryOf(id);
      return r.status === "delivered" ? r : null;
    }, "delivered");
    expect(done).toMatchObject({ attempts: 3, lastStatusCode: 200, lastError: null, nextAttemptAt: null });
    const listed = (
      await api("GET", `/api/v1/apps/${tenant.appId}/webhook-deliveries?status=delivered&limit=100`, {
        key: tenant.test,
      })
    ).body.data;
    expect(listed.find((d: { webhookId: string }) => d.webhookId === id)).toMatchObject({
      status: "delivered",
      attempts: 3,
      lastStatusCode: 200,
    });
  }, 90_000);

  it("stops at 410 Gone: the delivery fails, the app's webhook URL is cleared, nothing more is sent", async () => {
    receiver = await startReceiver(() => 410);
    const tenant = await tenantPointingAt(receiver.url);
    const sent = await api("POST", "/api/v1/otp/send", {
      key: tenant.test,
      body: { recipient: randomMobile() },
    });
    expect(sent.status).toBe(201);

    await waitFor(
      async () =>
        (await api("GET", `/api/v1/apps/${tenant.appId}`, { key: tenant.test })).body.webhookUrl === null,
      "the webhook to be switched off",
    );
    const deliveries = await waitFor(async () => {
      const rows = await (await db()).webhookDelivery.findMany({ where: { appId: tenant.appId } });
      return rows.every((r) => r.status !== "pending") ? rows : null;
    }, "no pending delivery");
    expect(deliveries.length).toBe(3);
    const gone = deliveries.filter((d) => d.status === "failed");
    expect(gone.length).toBeGreaterThanOrEqual(1);
    for (const d of gone) expect(d).toMatchObject({ attempts: 1, lastStatusCode: 410, nextAttemptAt: null });
    for (const d of deliveries.filter((d) => d.status !== "failed")) expect(d.status).toBe("canceled");

    const seen = receiver.received.length;
    await new Promise((r) => setTimeout(r, 2_000));
    expect(receiver.received.length).toBe(seen);
    for (const id of new Set(receiver.received.map((r) => r.headers["webhook-id"]!)))
      expect(receiver.byId(id)).toHaveLength(1);
  });

  it("retries network errors (nothing listening) and records why", async () => {
    receiver = await startReceiver();
    const url = receiver.url;
    await receiver.close();
    receiver = undefined;
    const tenant = await tenantPointingAt(url);
    await api("POST", "/api/v1/otp/send", { key: tenant.test, body: { recipient: randomMobile() } });
    const row = await waitFor(
      async () =>
        (await (await db()).webhookDelivery.findFirst({ where: { appId: tenant.appId, attempts: 1 } })) ??
        null,
      "a failed attempt",
    );
    expect(row.status).toBe("pending");
    expect(row.lastStatusCode).toBeNull();
    expect(row.lastError).toMatch(/ECONNREFUSED/);
  });
});
