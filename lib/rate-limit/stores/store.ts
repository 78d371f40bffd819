/**
 * The part of the Redis interface @upstash/ratelimit uses for its single-region algorithms without
 * analytics, deny lists or dynamic limits: run a Lua script by sha, and by text after NOSCRIPT.
 * Each backend implements it, so the same ratelimit code runs on all of them.
 */
export interface LimiterStore {
  evalsha<TArgs extends unknown[], TData = unknown>(sha: string, keys: string[], args: TArgs): Promise<TData>;
  eval<TArgs extends unknown[], TData = unknown>(script: string, keys: string[], args: TArgs): Promise<TData>;
  /**
   * A plain string value, beside the counters: the configuration versions of lib/keys/config-version.ts
   * (a shared signal every instance reads in the same round trip as its limits). Null when unset.
   */
  get(key: string): Promise<string | null>;
  /** `ttlSeconds`: the value expires then (kept until overwritten when absent). */
  set(key: string, value: string, ttlSeconds?: number): Promise<void>;
  /** Resolves when the store answers; for /api/health. */
  ping(): Promise<void>;
  /** Releases connections (tests, shutdown). */
  close(): Promise<void>;
}

export type LimiterBackend = "upstash" | "redis" | "memory";

/** Script arguments as Redis takes them: strings (ratelimit passes numbers, and null for "none"). */
export function scriptArgs(args: unknown[]): string[] {
  return args.map((arg) => (arg === null || arg === undefined ? "" : String(arg)));
}
