/**
 * A local stand-in for Upstash: an HTTP server speaking the Upstash REST protocol onto a Redis over
 * TCP, so @upstash/redis itself runs in development, tests and CI (no npm package does this right,
 * and Upstash's own local server is a Docker image).
 *
 *   npm run bridge:upstash    # UPSTASH_BRIDGE_PORT (8079), UPSTASH_REDIS_REST_TOKEN, REDIS_URL
 *
 * Protocol, as @upstash/redis uses it: `POST /` with a JSON array command, `POST /pipeline` and
 * `POST /multi-exec` with an array of them; bearer token; bodies `{result}` or `{error}` (one per
 * command in pipelines). With `Upstash-Encoding: base64` every string in a result is base64, except
 * a top-level "OK". Upstash accepts ratelimit's `#!lua flags=allow-key-locking` scripts and a
 * vanilla Redis does not, so EVAL, EVALSHA and SCRIPT LOAD are rewritten as in the TCP store.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import { createClient, ErrorReply, RESP_TYPES } from "redis";
import { LuaFlagStripper, sha1 } from "../lib/rate-limit/lua-flags";

type Reply = Buffer | number | null | Reply[];
type Result = { result: unknown } | { error: string };

export type UpstashBridge = { url: string; close(): Promise<void> };

const MAX_BODY_BYTES = 10 * 1024 * 1024;

export async function startUpstashBridge(options: {
  port: number;
  token: string;
  redisUrl: string;
  host?: string;
}): Promise<UpstashBridge> {
  const redis = createClient({ url: options.redisUrl, RESP: 2, disableOfflineQueue: true }).withTypeMapping({
    [RESP_TYPES.BLOB_STRING]: Buffer,
    [RESP_TYPES.SIMPLE_STRING]: Buffer,
  });
  redis.on("error", () => {}); // reconnects by itself; requests meanwhile answer 500
  await redis.connect();
  const flags = new LuaFlagStripper();

  /** The command as Redis takes it, with ratelimit's scripts made acceptable to a vanilla Redis. */
  function forRedis(command: unknown[]): string[] {
    const args = command.map((arg) => (arg === null || arg === undefined ? "" : String(arg)));
    const name = args[0]?.toUpperCase();
    if ((name === "EVAL" || name === "EVAL_RO") && args[1] !== undefined) args[1] = flags.script(args[1]);
    if ((name === "EVALSHA" || name === "EVALSHA_RO") && args[1] !== undefined) args[1] = flags.sha(args[1]);
    return args;
  }

  async function run(command: unknown[]): Promise<Reply> {
    const [name, subcommand, script] = command.map(String);
    // Answer with the sha of the script the caller sent, as Upstash does, not of the stripped one.
    if (name?.toUpperCase() === "SCRIPT" && subcommand?.toUpperCase() === "LOAD" && script !== undefined) {
      await redis.sendCommand(["SCRIPT", "LOAD", flags.script(script)]);
      return Buffer.from(sha1(script));
    }
    return (await redis.sendCommand(forRedis(command))) as Reply;
  }

  async function transaction(commands: unknown[][]): Promise<Result[]> {
    const multi = redis.multi();
    for (const command of commands) multi.addCommand(forRedis(command));
    try {
      return ((await multi.exec()) as unknown as Reply[]).map((reply) => ({ result: reply }));
    } catch (error) {
      // EXEC ran, some commands failed: node-redis throws with every reply, errors included.
      const replies = (error as { replies?: unknown[] }).replies;
      if (!Array.isArray(replies)) throw error;
      return replies.map((reply) => (reply instanceof Error ? { error: reply.message } : { result: reply }));
    }
  }

  const expected = digest(`Bearer ${options.token}`);
  const server = http.createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify(body));
    };
    if (!timingSafeEqual(digest(req.headers.authorization ?? ""), expected))
      return send(401, { error: "Unauthorized" });
    if (req.method !== "POST") return send(405, { error: "Use POST" });
    const base64 = String(req.headers["upstash-encoding"] ?? "").toLowerCase() === "base64";
    const encode = (result: Result): Result =>
      "result" in result ? { result: encodeReply(result.result as Reply, base64, true) } : result;

    readJson(req)
      .then(async (body) => {
        if (req.url === "/" || req.url === "") {
          if (!isCommand(body)) return send(400, { error: "The body must be a JSON array: a Redis command" });
          return send(200, encode({ result: await run(body) }));
        }
        if (req.url === "/pipeline" || req.url === "/multi-exec") {
          if (!Array.isArray(body) || body.length === 0 || !body.every(isCommand)) {
            return send(400, { error: "The body must be a non-empty JSON array of Redis commands" });
          }
          const results =
            req.url === "/pipeline"
              ? await Promise.all(
                  body.map((command) =>
                    run(command).then(
                      (result) => ({ result }),
                      (error: Error) => commandError(error),
                    ),
                  ),
                )
              : await transaction(body);
          return send(200, results.map(encode));
        }
        send(404, { error: `Unknown path ${req.url}` });
      })
      .catch((error: Error) => {
        if (error instanceof ErrorReply) return send(400, { error: error.message });
        if (error instanceof SyntaxError) return send(400, { error: `Invalid JSON: ${error.message}` });
        send(500, { error: error.message });
      });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "127.0.0.1", resolve);
  });
  const { address, port } = server.address() as AddressInfo;
  return {
    url: `http://${address.includes(":") ? `[${address}]` : address}:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      redis.destroy();
    },
  };
}

/** The Upstash encoding of a reply: see the header comment. */
function encodeReply(reply: Reply, base64: boolean, topLevel: boolean): unknown {
  if (Buffer.isBuffer(reply)) {
    if (!base64) return reply.toString("utf8");
    return topLevel && reply.equals(OK) ? "OK" : reply.toString("base64");
  }
  if (Array.isArray(reply)) return reply.map((item) => encodeReply(item, base64, false));
  return reply;
}

const OK = Buffer.from("OK");

function commandError(error: Error): Result {
  if (error instanceof ErrorReply) return { error: error.message };
  throw error;
}

function isCommand(value: unknown): value is unknown[] {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((arg) => ["string", "number", "boolean"].includes(typeof arg) || arg === null)
  );
}

function digest(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}

function readJson(req: http.IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) req.destroy(new Error("Body too large"));
      else chunks.push(chunk);
    });
    req.on("end", () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")));
      } catch (error) {
        reject(error);
      }
    });
    req.on("error", reject);
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const port = Number(process.env.UPSTASH_BRIDGE_PORT ?? 8079);
  const token = process.env.UPSTASH_REDIS_REST_TOKEN || "local-bridge-token";
  const redisUrl = process.env.REDIS_URL || "redis://127.0.0.1:6379";
  const bridge = await startUpstashBridge({ port, token, redisUrl });
  console.log(`Upstash REST bridge on ${bridge.url} → ${redisUrl.replace(/\/\/[^@/]*@/, "//***@")}`);
  console.log(`  UPSTASH_REDIS_REST_URL=${bridge.url} UPSTASH_REDIS_REST_TOKEN=${token}`);
  const stop = () => void bridge.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
