import { sha1 } from "../lua-flags";
import { scriptArgs, type LimiterStore } from "./store";

/**
 * The in-process store of the embedded default (one process, nothing configured). @upstash/ratelimit
 * has no in-memory store of its own (its `ephemeralCache` only remembers blocked identifiers), so
 * this implements the Lua scripts of the algorithm OTPilot uses, fixed window, in JavaScript, and
 * the same ratelimit code runs on top. Scripts are recognised by the sha ratelimit gives them; any
 * other script fails loudly (a ratelimit upgrade changed them: the backend tests catch it).
 * OTPilot does not enable ratelimit's dynamic limits, so their optional key is ignored.
 */
type Entry = { value: number; text?: string; expiresAt: number | undefined };
type Data = Map<string, Entry>;
type Script = (data: Data, keys: string[], args: string[], now: number) => unknown;

/** @upstash/ratelimit 2.2's fixed-window scripts, by the sha it calls them with. */
const SCRIPTS: Record<string, Script> = {
  // fixedWindow.limit: INCRBY the window's counter, PEXPIRE it when new; returns [used, limit].
  b2efc02798c8e9b471a10f9b1d5745db89923ff3: (data, [key], [tokens, windowMs, incrementBy], now) => {
    const entry = live(data, key!, now) ?? { value: 0, expiresAt: undefined };
    entry.value += Number(incrementBy);
    if (entry.value === Number(incrementBy)) entry.expiresAt = now + Number(windowMs);
    data.set(key!, entry);
    return [entry.value, Number(tokens)];
  },
  // fixedWindow.getRemaining: returns [limit - used, limit] without writing.
  "823cb2a5a902d69681244f5e28e5ebb8f2a89edd": (data, [key], [tokens], now) => {
    return [Number(tokens) - (live(data, key!, now)?.value ?? 0), Number(tokens)];
  },
  // resetTokens: deletes every key matching a glob pattern.
  "54bd274ddc59fb3be0f42deee2f64322a10e2b50": (data, [pattern]) => {
    const matches = globToRegExp(pattern!);
    for (const key of [...data.keys()]) if (matches.test(key)) data.delete(key);
    return null;
  },
};

const SWEEP_INTERVAL_MS = 60_000;

export function createMemoryStore(): LimiterStore {
  const data: Data = new Map();
  let lastSweep = Date.now();

  function run<T>(sha: string, keys: string[], args: unknown[]): T {
    const script = SCRIPTS[sha];
    if (!script) throw new Error(`NOSCRIPT the in-memory rate-limit store does not implement script ${sha}`);
    const now = Date.now();
    // Expired counters are dropped lazily; sweep now and then so idle identifiers do not pile up.
    if (now - lastSweep > SWEEP_INTERVAL_MS) {
      for (const key of [...data.keys()]) live(data, key, now);
      lastSweep = now;
    }
    return script(data, keys, scriptArgs(args), now) as T;
  }

  return {
    evalsha: async (sha, keys, args) => run(sha, keys, args),
    eval: async (script, keys, args) => run(sha1(script), keys, args),
    get: async (key) => {
      const entry = live(data, key, Date.now());
      return entry?.text ?? (entry ? String(entry.value) : null);
    },
    set: async (key, value, ttlSeconds) => {
      data.set(key, { value: 0, text: value, expiresAt: ttlSeconds ? Date.now() + ttlSeconds * 1000 : undefined });
    },
    ping: async () => {},
    close: async () => data.clear(),
  };
}

function live(data: Data, key: string, now: number): Entry | undefined {
  const entry = data.get(key);
  if (entry?.expiresAt !== undefined && entry.expiresAt <= now) {
    data.delete(key);
    return undefined;
  }
  return entry;
}

/** Redis glob (`*`, `?`) to a RegExp; identifiers contain no `[`, `]` or `\`. */
function globToRegExp(pattern: string): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${body}$`, "s");
}
