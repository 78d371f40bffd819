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
    // The message names the failure (refused, timed out) without connection strings or secrets.
    const message = error instanceof Error ? error.message.split("\n")[0]!.replace(/\/\/[^@\s]*@/g, "//***@") : "unknown error";
    return { status: "down", backend, latencyMs: Math.round(performance.now() - started), error: message };
  }
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
