import { databaseBackend, pingDb } from "@/lib/db/client";
import { limiterBackend, pingLimiter } from "@/lib/rate-limit/limiter";

type DependencyState = { status: "up" | "down"; backend: string; latencyMs: number; error?: string };

export type HealthReport = {
  status: "ok" | "degraded";
  version: string;
  dependencies: { database: DependencyState; rateLimitStore: DependencyState };
};

const TIMEOUT_MS = 2_000;

async function probe(backend: string, ping: () => Promise<unknown>): Promise<DependencyState> {
  const started = performance.now();
  try {
    await Promise.race([
      ping(),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS).unref()),
    ]);
    return { status: "up", backend, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    const message = describeFailure(error);
    return { status: "down", backend, latencyMs: Math.round(performance.now() - started), error: message };
  }
}

/**
 * A one-line description of why a dependency is down (refused, timed out, reset…), without
 * connection strings or secrets. A refused connection to a host with IPv4 and IPv6 addresses is an
 * AggregateError with an empty message, so the chain (causes, members, codes) is read too.
 */
export function describeFailure(error: unknown): string {
  const parts: string[] = [];
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length && seen.size < 10) {
    const item = queue.shift();
    if (!item || typeof item !== "object" || seen.has(item)) continue;
    seen.add(item);
    const e = item as { message?: unknown; code?: unknown; cause?: unknown; errors?: unknown };
    const message = typeof e.message === "string" ? e.message.split("\n")[0]!.trim() : "";
    const code = typeof e.code === "string" ? e.code : "";
    const text = message || code;
    if (text && !parts.some((part) => part.includes(text))) parts.push(code && message && !message.includes(code) ? `${message} (${code})` : text);
    queue.push(e.cause);
    if (Array.isArray(e.errors)) queue.push(...e.errors);
  }
  const description = parts.join(": ") || (typeof error === "string" && error) || "unknown error";
  return description.replace(/\/\/[^@\s]*@/g, "//***@").replace(/password=\S+/gi, "password=***").slice(0, 300);
}

/** Each dependency's state for GET /api/health (503 when any is down). */
export async function checkHealth(): Promise<HealthReport> {
  const [database, rateLimitStore] = await Promise.all([
    probe(databaseBackend(), pingDb),
    probe(limiterBackend(), pingLimiter),
  ]);
  return {
    status: database.status === "up" && rateLimitStore.status === "up" ? "ok" : "degraded",
    version: process.env.npm_package_version ?? "0.1.0",
    dependencies: { database, rateLimitStore },
  };
}
