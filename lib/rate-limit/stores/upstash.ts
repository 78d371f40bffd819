import { Redis } from "@upstash/redis";
import type { LimiterStore } from "./store";

/**
 * Upstash Redis over its REST API (production). @upstash/redis pipelines concurrent calls into one
 * HTTP request, so the checks of one API request cost one round trip. Each HTTP request is aborted
 * after `timeoutMs` and retried once on a network error; the limiter's own deadline bounds the total.
 */
const GET_SCRIPT = "return redis.call('GET', KEYS[1])";

export function createUpstashStore(config: { url: string; token: string; timeoutMs: number }): LimiterStore {
  const redis = new Redis({
    url: config.url,
    token: config.token,
    retry: { retries: 1, backoff: () => 50 },
    signal: () => AbortSignal.timeout(config.timeoutMs),
    enableTelemetry: false,
    // Values come back as they were stored: by default the client JSON-parses string results
    // ("123" → 123, a JSON object → an object). The limits' scripts answer numbers either way.
    automaticDeserialization: false,
  });
  return {
    evalsha: (sha, keys, args) => redis.evalsha(sha, keys, args),
    eval: (script, keys, args) => redis.eval(script, keys, args),
    // GET through a script: @upstash/redis pipelines read commands apart from writes (EVALSHA is
    // one), so a plain GET would cost its own HTTP round trip beside the limits of the same request,
    // and a script reads the primary, where the announcement was written.
    get: async (key) => {
      const value = await redis.eval<[], string | null>(GET_SCRIPT, [key], []);
      return value ?? null;
    },
    set: async (key, value, ttlSeconds) => {
      await (ttlSeconds ? redis.set(key, value, { ex: ttlSeconds }) : redis.set(key, value));
    },
    ping: async () => {
      await redis.ping();
    },
    close: async () => {},
  };
}
