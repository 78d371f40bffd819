import fs from "node:fs";
import { inject } from "vitest";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { api, randomMobile } from "../../helpers/api";
import { eventually, providerRequests, scriptResponses } from "../../helpers/providers/control";
import { liveTenant } from "../../helpers/providers/live-tenant";
import { killWorkerProcess, startWorkerProcess, waitForWorker } from "../../helpers/worker-process";

// This file stops the run's job worker and runs its own, so no other worker takes its jobs; the
// last one it starts stays on as the run's worker (the pid file tells the global teardown).
const worker = inject("worker");
const currentPid = () => Number(fs.readFileSync(worker.pidFile, "utf8"));

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function restartWorker(): Promise<void> {
  const since = fs.existsSync(worker.logFile) ? fs.statSync(worker.logFile).size : 0;
  startWorkerProcess(worker.env, worker.logFile, worker.pidFile);
  await waitForWorker(worker.logFile, since);
}

afterAll(async () => {
  if (!isAlive(currentPid())) await restartWorker();
});

describe("a worker that dies", { timeout: 120_000 }, () => {
  it("is replaced without losing or repeating the message: killed before it took the job", async () => {
    // Stop the run's worker; SIGTERM lets it finish what other test files gave it.
    const pid = currentPid();
    killWorkerProcess(pid, "SIGTERM");
    await eventually(async () => (isAlive(pid) ? undefined : true));

    const tenant = await liveTenant();
    const recipient = randomMobile();
    const sent = await api("POST", "/api/v1/otp/send", { key: tenant.live, body: { recipient, channel: "sms" } });
    expect(sent.status).toBe(201);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await providerRequests(recipient)).toHaveLength(0);

    await restartWorker();
    await eventually(async () => ((await api("GET", `/api/v1/otp/${sent.body.id}`, { key: tenant.live })).body.delivery.status === "sent" ? true : undefined));
    await new Promise((r) => setTimeout(r, 1500));
    expect(await providerRequests(recipient)).toHaveLength(1);
  });

  it("is replaced without a second provider call: killed while Twilio had not answered yet", async () => {
    const tenant = await liveTenant();
    const recipient = randomMobile();
    // Twilio takes its time answering, so the worker is surely inside the call when it dies.
    await scriptResponses(recipient, [{ status: 0, delayMs: 5000 }]);
    const sent = await api("POST", "/api/v1/otp/send", { key: tenant.live, body: { recipient, channel: "sms" } });
    await eventually(async () => ((await providerRequests(recipient)).length === 1 ? true : undefined));
    // Other test files' jobs must not die with it: kill once this is the only job in hand.
    const prisma = await db();
    await eventually(async () => {
      const [row] = await prisma.$queryRaw<{ others: number }[]>`
        SELECT count(*)::int AS others FROM pgboss.job WHERE state = 'active' AND coalesce(data->>'verificationId', '') <> ${sent.body.id}`;
      return row?.others === 0 ? true : undefined;
    });
    const pid = currentPid();
    killWorkerProcess(pid, "SIGKILL");
    await eventually(async () => (isAlive(pid) ? undefined : true));

    await restartWorker();
    // The job comes back once its lease (30 s) runs out; the attempt row says a call was under way.
    const settled = await eventually(async () => {
      const delivery = (await api("GET", `/api/v1/otp/${sent.body.id}`, { key: tenant.live })).body.delivery;
      return delivery.status === "queued" ? undefined : delivery;
    }, 90_000);
    expect(settled.status).toBe("failed");
    expect(await providerRequests(recipient)).toHaveLength(1);
    const attempts = await prisma.deliveryAttempt.findMany({ where: { verificationId: sent.body.id } });
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ status: "failed", errorCode: "outcome_unknown" });
  });

  it("with a fallback channel, an unknown outcome waits for the receipt instead of sending again at once", async () => {
    const tenant = await liveTenant({ channels: ["sms", "whatsapp"] });
    const recipient = randomMobile();
    await scriptResponses(recipient, [{ status: 0, delayMs: 5000 }]);
    const sent = await api("POST", "/api/v1/otp/send", { key: tenant.live, body: { recipient, channel: "auto" } });
    await eventually(async () => ((await providerRequests(recipient)).length === 1 ? true : undefined));
    const prisma = await db();
    await eventually(async () => {
      const [row] = await prisma.$queryRaw<{ others: number }[]>`
        SELECT count(*)::int AS others FROM pgboss.job WHERE state = 'active' AND coalesce(data->>'verificationId', '') <> ${sent.body.id}`;
      return row?.others === 0 ? true : undefined;
    });
    const pid = currentPid();
    killWorkerProcess(pid, "SIGKILL");
    await eventually(async () => (isAlive(pid) ? undefined : true));
    await restartWorker();

    // The SMS attempt is settled as possibly sent (not failed): only a missing receipt moves the code on.
    const attempt = await eventually(async () => {
      const row = await prisma.deliveryAttempt.findFirst({ where: { verificationId: sent.body.id, step: 0 } });
      return row?.finishedAt ? row : undefined;
    }, 90_000);
    expect(attempt).toMatchObject({ status: "sent", errorCode: "outcome_unknown" });
    // No receipt within the timeout (3 s here): then WhatsApp gets the code, once, for want of a receipt.
    const requests = await eventually(async () => {
      const all = await providerRequests(recipient);
      return all.length >= 2 ? all : undefined;
    });
    expect(requests.map((r) => r.provider)).toEqual(["twilio", "whatsapp"]);
    const failed = await prisma.event.findMany({ where: { verificationId: sent.body.id, type: "message.failed" } });
    expect(failed.map((e) => (e.data as { errorCode?: string }).errorCode)).toEqual(["no_receipt"]);
  });
});
