import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { db } from "@/lib/db/client";

/**
 * The process's Prometheus metrics (prom-client). Counters and histograms live in memory, so
 * recording one on the hot path costs a map lookup; the queue depth is read from the database only
 * when Prometheus scrapes. Each process (server, `npm run worker`) counts what it does itself.
 */
function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    httpRequests: new Counter({
      name: "otpilot_http_requests_total",
      help: "API requests by route template, method and status.",
      labelNames: ["route", "method", "status"] as const,
      registers,
    }),
    httpDuration: new Histogram({
      name: "otpilot_http_request_duration_seconds",
      help: "API request latency by route template and method, from the key check to the response.",
      labelNames: ["route", "method"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    sends: new Counter({
      name: "otpilot_otp_sends_total",
      help: 'Sends and resends by outcome: "accepted", or the problem code of the refusal.',
      labelNames: ["kind", "outcome"] as const,
      registers,
    }),
    verifies: new Counter({
      name: "otpilot_otp_verifies_total",
      help: 'Verify calls by outcome: "approved", or the problem code (invalid_code, expired, …).',
      labelNames: ["outcome"] as const,
      registers,
    }),
    verifyHints: new Counter({
      name: "otpilot_verify_hints_total",
      help: 'Verifies by id of POST /api/v1/otp/verify by whether the verification\'s hint was found: "hit" (a right code is one statement) or "miss" (the row is read first).',
      labelNames: ["result"] as const,
      registers,
    }),
    deliveries: new Counter({
      name: "otpilot_delivery_outcomes_total",
      help: "Provider calls by provider, channel and outcome (the status the provider reported, or the kind of error).",
      labelNames: ["provider", "channel", "outcome"] as const,
      registers,
    }),
    jobFailures: new Counter({
      name: "otpilot_job_failures_total",
      help: "Background jobs that threw (each is retried per its retry limit).",
      labelNames: ["queue"] as const,
      registers,
    }),
    limiterErrors: new Counter({
      name: "otpilot_rate_limit_store_errors_total",
      help: "Rate-limit checks that failed because the store did not answer (the request failed closed with 503).",
      registers,
    }),
    queueJobs: new Gauge({
      name: "otpilot_queue_jobs",
      help: "Jobs waiting (created, retry) or running (active) per queue, read from the database at scrape time.",
      labelNames: ["queue", "state"] as const,
      registers,
      async collect() {
        this.reset();
        for (const row of await queueDepth()) this.set({ queue: row.name, state: row.state }, row.count);
      },
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

// On globalThis: Next bundles route handlers and instrumentation separately and may evaluate this
// module more than once in one process; all of them must count into the same registry.
const state = globalThis as typeof globalThis & { __otpilotMetrics?: Metrics };

export function metrics(): Metrics {
  state.__otpilotMetrics ??= createMetrics();
  return state.__otpilotMetrics;
}

/** Counts by queue and state; empty when the database does not answer (the scrape still succeeds). */
async function queueDepth(): Promise<Array<{ name: string; state: string; count: number }>> {
  try {
    const prisma = await db();
    return await prisma.$queryRaw<Array<{ name: string; state: string; count: number }>>`
      SELECT name, state::text AS state, count(*)::int AS count FROM pgboss.job
      WHERE state IN ('created', 'retry', 'active') GROUP BY name, state`;
  } catch {
    return [];
  }
}
