import http from "node:http";
import net, { type AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/config/env";
import { RateLimitStoreUnavailableError } from "@/lib/rate-limit/errors";
import { checkLimits, limiterBackend, peekLimits, pingLimiter } from "@/lib/rate-limit/limiter";
import { createRateLimiter, type LimitCheck, type RateLimiter } from "@/lib/rate-limit/rate-limiter";
import { createRedisTcpStore } from "@/lib/rate-limit/stores/redis-tcp";
import { createUpstashStore } from "@/lib/rate-limit/stores/upstash";
import { closedPort, REDIS_URL, startBridge, uniquePrefix } from "./harness";

// Send and verify fail closed: a store that does not answer is an error, never a pass.
const check: LimitCheck = { policy: "sendsPerRecipient", id: "app_down:+15550001111" };
const opened: RateLimiter[] = [];
const savedEnv = { ...process.env };

afterEach(async () => {
  for (const limiter of opened.splice(0)) await limiter.close();
  process.env = { ...savedEnv };
  resetEnvCache();
});

async function expectUnavailable(work: Promise<unknown>, withinMs: number) {
  const started = Date.now();
  await expect(work).rejects.toBeInstanceOf(RateLimitStoreUnavailableError);
  expect(Date.now() - started).toBeLessThan(withinMs);
}

describe("when the rate-limit store does not answer", () => {
  it("throws RateLimitStoreUnavailableError for a Redis on a closed port, and keeps failing fast", async () => {
    const limiter = createRateLimiter({
      store: createRedisTcpStore(`redis://127.0.0.1:${await closedPort()}`),
      keyPrefix: "unused",
    });
    opened.push(limiter);

    // A refused connection is an answer: no waiting for the deadline.
    await expectUnavailable(limiter.check([check]), 1_000);
    await expectUnavailable(limiter.check([check]), 500);
    await expectUnavailable(limiter.peek([check]), 500);
    await expectUnavailable(limiter.ping(), 500);
  });

  it("throws RateLimitStoreUnavailableError for an Upstash URL whose server is gone", async () => {
    const bridge = await startBridge();
    await bridge.close();
    const limiter = createRateLimiter({
      store: createUpstashStore({ url: bridge.url, token: bridge.token, timeoutMs: 1_000 }),
      keyPrefix: "unused",
    });
    opened.push(limiter);

    await expectUnavailable(limiter.check([check]), 2_500);
    await expectUnavailable(limiter.ping(), 2_500);
  });

  it("throws instead of allowing when the store hangs (ratelimit's own timeout would allow)", async () => {
    const hanging = http.createServer(() => {}); // accepts, never answers
    await new Promise<void>((resolve) => hanging.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`;
    const limiter = createRateLimiter({
      store: createUpstashStore({ url, token: "t", timeoutMs: 5_000 }),
      keyPrefix: "unused",
      timeoutMs: 300,
    });
    opened.push(limiter);
    try {
      await expectUnavailable(limiter.check([check]), 1_500);
    } finally {
      hanging.closeAllConnections();
      hanging.close();
    }
  });

  it("the configured limiter fails closed too (REDIS_URL at a closed port)", async () => {
    process.env.REDIS_URL = `redis://127.0.0.1:${await closedPort()}`;
    delete process.env.UPSTASH_REDIS_REST_URL;
    delete process.env.UPSTASH_REDIS_REST_TOKEN;
    resetEnvCache();

    expect(limiterBackend()).toBe("redis");
    await expectUnavailable(checkLimits([check]), 2_500);
    await expectUnavailable(peekLimits([check]), 2_500);
    await expectUnavailable(pingLimiter(), 2_500);
  });
});

describe("when Redis comes back", () => {
  it("fails closed while it is away and recovers by itself", async () => {
    // A TCP relay in front of the test Redis stands for Redis going down and coming back.
    const target = new URL(REDIS_URL);
    const sockets = new Set<net.Socket>();
    const relay = () =>
      net.createServer((client) => {
        const upstream = net.connect(Number(target.port || 6379), target.hostname);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on("error", () => {});
          s.on("close", () => sockets.delete(s));
        }
        client.pipe(upstream).pipe(client);
      });
    const listen = (server: net.Server, port: number) =>
      new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
    let server = relay();
    await listen(server, 0);
    const port = (server.address() as AddressInfo).port;
    const limiter = createRateLimiter({
      store: createRedisTcpStore(`redis://127.0.0.1:${port}`),
      keyPrefix: uniquePrefix("recover"),
    });
    opened.push(limiter);

    expect((await limiter.check([check])).ok).toBe(true);

    server.close();
    for (const socket of sockets) socket.destroy();
    await expectUnavailable(limiter.check([check]), 1_000);

    server = relay();
    await listen(server, port);
    try {
      await expect
        .poll(
          () =>
            limiter.check([check]).then(
              (r) => r.tightest.remaining,
              () => "unavailable",
            ),
          { timeout: 5_000, interval: 200 },
        )
        .toBe(3);
      await limiter.reset("sendsPerRecipient", check.id);
    } finally {
      await limiter.close();
      server.close();
      for (const socket of sockets) socket.destroy();
    }
  });
});
