import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { checkHealth } from "@/lib/health/check-health";
import { toProblem } from "@/lib/http/problem";
import { RateLimitTracker } from "@/lib/http/rate-limit-tracker";
import type { ApiKeyPrincipal } from "@/lib/keys/authenticate-api-key";
import { sendOtp } from "@/lib/otp/send-otp";
import { verifyOtp } from "@/lib/otp/verify-otp";
import { randomMobile } from "../../helpers/api";
import { newTenant } from "../../helpers/tenant";

// A rate-limit store that does not answer: a TCP port that accepts connections and never replies.
let silent: net.Server;
const sockets = new Set<net.Socket>();

/** Points this process's limiter at the silent store, or back at the in-process one. */
function useSilentStore(on: boolean): void {
  if (on) process.env.REDIS_URL = `redis://127.0.0.1:${(silent.address() as net.AddressInfo).port}`;
  else delete process.env.REDIS_URL;
  resetEnvCache();
}

beforeAll(async () => {
  silent = net.createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
});

afterAll(async () => {
  useSilentStore(false);
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => silent.close(resolve));
});

describe("send and verify fail closed when the rate-limit store does not answer", () => {
  it("send answers 503 unavailable and writes nothing", async () => {
    const t = await newTenant();
    useSilentStore(true);
    const principal: ApiKeyPrincipal = { keyId: t.test.keyId, tenantId: t.tenantId, mode: "test", appIds: [] };
    const thrown = await sendOtp(principal, { recipient: randomMobile() }, new RateLimitTracker()).catch((e: unknown) => e);
    const problem = toProblem(thrown);
    expect(problem.status).toBe(503);
    expect(problem.code).toBe("unavailable");
    const prisma = await db();
    expect(await prisma.verification.count({ where: { tenantId: t.tenantId } })).toBe(0);
    expect(await prisma.outboxMessage.count({ where: { tenantId: t.tenantId } })).toBe(0);
  });

  it("verify answers 503 and counts no attempt", async () => {
    const t = await newTenant();
    const prisma = await db();
    // Start the verification while the limiter works, then take the store away.
    useSilentStore(false);
    const principal: ApiKeyPrincipal = { keyId: t.test.keyId, tenantId: t.tenantId, mode: "test", appIds: [] };
    const sent = await sendOtp(principal, { recipient: randomMobile() }, new RateLimitTracker());
    useSilentStore(true);
    const thrown = await verifyOtp(principal, { id: sent.id, code: "000000" }, new RateLimitTracker(), { ip: null }).catch((e: unknown) => e);
    expect(toProblem(thrown).status).toBe(503);
    const after = await prisma.verification.findUniqueOrThrow({ where: { id: sent.id } });
    expect(after.attempts).toBe(0);
    expect(after.status).toBe("pending");
  });

  it("health reports the store down", async () => {
    useSilentStore(true);
    const report = await checkHealth();
    expect(report.status).toBe("degraded");
    expect(report.dependencies.rateLimitStore).toMatchObject({ status: "down", backend: "redis" });
    expect(report.dependencies.database.status).toBe("up");
  });
});
