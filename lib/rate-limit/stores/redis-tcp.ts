import { once } from "node:events";
import { createClient } from "redis";
import { RateLimitStoreUnavailableError } from "../errors";
import { LuaFlagStripper } from "../lua-flags";
import { scriptArgs, type LimiterStore } from "./store";

/**
 * A Redis over TCP (self-hosters' REDIS_URL) through node-redis. Connects on first use. While the
 * connection is down, commands fail at once instead of queueing (the limiter fails closed) and the
 * client keeps reconnecting in the background.
 */
export function createRedisTcpStore(url: string): LimiterStore {
  const client = createClient({
    url,
    RESP: 2,
    disableOfflineQueue: true,
    // No per-command timeout of node-redis' own (5 s by default): the limiter gives every call a
    // deadline (rate-limiter.ts), and each of node-redis' costs a timer (AbortSignal.timeout) that
    // fires long after the command answered — a few percent of a request's CPU under load.
    commandOptions: { timeout: 0 },
    socket: { connectTimeout: 2_000, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2_000) },
  });
  const flags = new LuaFlagStripper();
  let connecting: Promise<unknown> | undefined;
  let lastError: Error | undefined;
  // Without a listener an 'error' event would crash the process.
  client.on("error", (error: Error) => (lastError = error));
  client.on("ready", () => (lastError = undefined));

  const unreachable = (error: Error) =>
    new RateLimitStoreUnavailableError(`Redis is not reachable: ${error.message}`, { cause: error });

  async function ready(): Promise<void> {
    if (client.isReady) return;
    // Reconnecting after a failure: answer now; the caller's deadline would only add latency.
    if (lastError) throw unreachable(lastError);
    connecting ??= client.connect();
    // The first attempt failing (e.g. refused) is an answer too, though connect() keeps retrying.
    const stop = new AbortController();
    try {
      await Promise.race([
        connecting,
        once(client, "error", { signal: stop.signal }).then(([error]: Error[]) =>
          Promise.reject(unreachable(error!)),
        ),
      ]);
    } finally {
      stop.abort();
    }
  }

  async function send<T>(command: string[]): Promise<T> {
    await ready();
    return (await client.sendCommand(command)) as T;
  }

  return {
    evalsha: (sha, keys, args) =>
      send(["EVALSHA", flags.sha(sha), String(keys.length), ...keys, ...scriptArgs(args)]),
    eval: (script, keys, args) =>
      send(["EVAL", flags.script(script), String(keys.length), ...keys, ...scriptArgs(args)]),
    get: (key) => send<string | null>(["GET", key]),
    set: async (key, value, ttlSeconds) => {
      await send(ttlSeconds ? ["SET", key, value, "EX", String(ttlSeconds)] : ["SET", key, value]);
    },
    ping: async () => {
      await send(["PING"]);
    },
    close: async () => {
      if (client.isOpen) client.destroy();
    },
  };
}
