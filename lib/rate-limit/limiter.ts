import { env } from "@/lib/config/env";
import { recordLimiterError } from "@/lib/metrics/record";
import {
  createRateLimiter,
  DEFAULT_TIMEOUT_MS,
  type LimitCheck,
  type LimitsResult,
  type LimitState,
  type RateLimiter,
} from "./rate-limiter";
import { createMemoryStore } from "./stores/memory";
import { createRedisTcpStore } from "./stores/redis-tcp";
import type { LimiterBackend } from "./stores/store";
import { createUpstashStore } from "./stores/upstash";

/**
 * The process's rate limiter, chosen by configuration: Upstash over REST when
 * UPSTASH_REDIS_REST_URL/_TOKEN are set (production; wins over REDIS_URL), a Redis over TCP when
 * REDIS_URL is set, else in-process memory (the embedded default: a single process only).
 */
export function limiterBackend(): LimiterBackend {
  const config = env();
  if (config.UPSTASH_REDIS_REST_URL && config.UPSTASH_REDIS_REST_TOKEN) return "upstash";
  if (config.REDIS_URL) return "redis";
  return "memory";
}

/** Applies several limits to one request; see RateLimiter.check for the semantics. */
export function checkLimits(checks: LimitCheck[]): Promise<LimitsResult> {
  return defaultLimiter().check(checks).catch(recordLimiterError);
}

/** Gives back what checkLimits consumed, for a request that failed through no fault of its caller. */
export function refundLimits(checks: LimitCheck[]): Promise<void> {
  return defaultLimiter().refund(checks);
}

/** Reads limits without consuming (GET /api/v1/otp/rate-limits). */
export function peekLimits(checks: LimitCheck[]): Promise<LimitState[]> {
  return defaultLimiter().peek(checks);
}

/**
 * Whether the store is shared by every instance and process (Redis, Upstash) rather than this
 * process's memory: only then can a value written there be a signal to all of them.
 */
export function limiterStoreIsShared(): boolean {
  return limiterBackend() !== "memory";
}

/** A plain value in the limiter's store; issued in the same tick as limits, it shares their round trip. */
export function readStoreValue(key: string): Promise<string | null> {
  return defaultLimiter().readValue(key);
}

export function writeStoreValue(key: string, value: string, ttlSeconds?: number): Promise<void> {
  return defaultLimiter().writeValue(key, value, ttlSeconds);
}

/** Resolves when the store answers within the deadline; for /api/health. */
export function pingLimiter(): Promise<void> {
  return defaultLimiter().ping();
}

// On globalThis because Next's dev server evaluates modules more than once; one client (and, for
// memory, one set of counters) per configuration. Created on first use, never at import time, so
// `next build` connects to nothing.
const registry = globalThis as typeof globalThis & { __otpilotRateLimiters?: Map<string, RateLimiter> };

function defaultLimiter(): RateLimiter {
  const config = env();
  const backend = limiterBackend();
  const id =
    backend === "upstash"
      ? `upstash ${config.UPSTASH_REDIS_REST_URL} ${config.UPSTASH_REDIS_REST_TOKEN}`
      : backend === "redis"
        ? `redis ${config.REDIS_URL}`
        : "memory";
  const limiters = (registry.__otpilotRateLimiters ??= new Map());
  let limiter = limiters.get(id);
  if (!limiter) {
    const store =
      backend === "upstash"
        ? createUpstashStore({
            url: config.UPSTASH_REDIS_REST_URL!,
            token: config.UPSTASH_REDIS_REST_TOKEN!,
            timeoutMs: DEFAULT_TIMEOUT_MS,
          })
        : backend === "redis"
          ? createRedisTcpStore(config.REDIS_URL!)
          : createMemoryStore();
    limiter = createRateLimiter({ store });
    limiters.set(id, limiter);
  }
  return limiter;
}
