import { randomUUID } from "node:crypto";
import net from "node:net";
import { createClient } from "redis";
import { createRateLimiter, type RateLimiter } from "@/lib/rate-limit/rate-limiter";
import { createMemoryStore } from "@/lib/rate-limit/stores/memory";
import { createRedisTcpStore } from "@/lib/rate-limit/stores/redis-tcp";
import type { LimiterBackend } from "@/lib/rate-limit/stores/store";
import { createUpstashStore } from "@/lib/rate-limit/stores/upstash";
import { startUpstashBridge, type UpstashBridge } from "@/scripts/upstash-bridge";

/** The Redis these tests use (the integration setup clears REDIS_URL for lib/ code, so not that). */
export const REDIS_URL = process.env.TEST_REDIS_URL || "redis://127.0.0.1:6379";

/** A key prefix of its own per test file, so files can run in parallel against one Redis. */
export function uniquePrefix(label: string): string {
  return `test:rl:${label}:${randomUUID()}`;
}

export async function startBridge(): Promise<UpstashBridge & { token: string }> {
  const token = `token-${randomUUID()}`;
  return { ...(await startUpstashBridge({ port: 0, token, redisUrl: REDIS_URL })), token };
}

/** A limiter on one backend; the upstash one goes through `bridge` with @upstash/redis itself. */
export function limiterOn(
  backend: LimiterBackend,
  keyPrefix: string,
  bridge?: { url: string; token: string },
): RateLimiter {
  const store =
    backend === "memory"
      ? createMemoryStore()
      : backend === "redis"
        ? createRedisTcpStore(REDIS_URL)
        : createUpstashStore({ url: bridge!.url, token: bridge!.token, timeoutMs: 1_500 });
  return createRateLimiter({ store, keyPrefix });
}

/** Deletes every key under `prefix` from the test Redis. */
export async function deleteKeys(prefix: string): Promise<void> {
  const client = createClient({ url: REDIS_URL });
  await client.connect();
  for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
    if (keys.length > 0) await client.del(keys);
  }
  client.destroy();
}

/** A local port nothing listens on. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
