import { Redis } from "@upstash/redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha1 } from "@/lib/rate-limit/lua-flags";
import { deleteKeys, startBridge, uniquePrefix } from "./harness";

const prefix = uniquePrefix("bridge");
let bridge: Awaited<ReturnType<typeof startBridge>>;
let redis: Redis;

beforeAll(async () => {
  bridge = await startBridge();
  redis = new Redis({ url: bridge.url, token: bridge.token, enableTelemetry: false });
});

afterAll(async () => {
  await bridge?.close();
  await deleteKeys(prefix);
});

function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${bridge.url}${path}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${bridge.token}`, "Content-Type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

describe("the Upstash REST bridge", () => {
  it("refuses a wrong or missing token with 401", async () => {
    const wrong = await fetch(bridge.url, {
      method: "POST",
      headers: { Authorization: "Bearer nope" },
      body: '["PING"]',
    });
    const missing = await fetch(bridge.url, { method: "POST", body: '["PING"]' });
    expect([wrong.status, missing.status]).toEqual([401, 401]);
    expect(await wrong.json()).toEqual({ error: "Unauthorized" });

    const client = new Redis({ url: bridge.url, token: "wrong-token", enableTelemetry: false });
    await expect(client.ping()).rejects.toThrow(/Unauthorized/);
  });

  it("round-trips binary-ish strings through base64 with @upstash/redis", async () => {
    const values = [
      "OK",
      "T0s=",
      "==",
      "héllo wörld ✓ 🚀",
      "line\nbreak\ttab\u0000nul",
      '{"json":true}',
      " ",
    ];
    for (const [i, value] of values.entries()) await redis.set(`${prefix}:s${i}`, value);
    await redis.rpush(`${prefix}:list`, ...values);

    const read = await Promise.all(values.map((_, i) => redis.get<string>(`${prefix}:s${i}`)));
    expect(read).toEqual(values.map((v) => (v === '{"json":true}' ? { json: true } : v)));
    expect(await redis.lrange(`${prefix}:list`, 0, -1)).toEqual(
      values.map((v) => (v === '{"json":true}' ? { json: true } : v)),
    );
  });

  it("answers in base64 only when asked, with OK left as is", async () => {
    await post("/", ["SET", `${prefix}:raw`, "héllo"]);
    const base64 = await (await post("/", ["GET", `${prefix}:raw`], { "Upstash-Encoding": "base64" })).json();
    const plain = await (await post("/", ["GET", `${prefix}:raw`])).json();
    const ok = await (
      await post("/", ["SET", `${prefix}:raw`, "x"], { "Upstash-Encoding": "base64" })
    ).json();

    expect(base64).toEqual({ result: Buffer.from("héllo").toString("base64") });
    expect(plain).toEqual({ result: "héllo" });
    expect(ok).toEqual({ result: "OK" });
  });

  it("reports errors per command in a pipeline, and a failed single command as 400", async () => {
    const response = await post("/pipeline", [
      ["SET", `${prefix}:p`, "text"],
      ["INCR", `${prefix}:p`],
      ["GET", `${prefix}:p`],
    ]);
    const body = (await response.json()) as Array<{ result?: unknown; error?: string }>;
    expect(response.status).toBe(200);
    expect(body[0]).toEqual({ result: "OK" });
    expect(body[1]!.error).toMatch(/not an integer/);
    expect(body[2]).toEqual({ result: "text" });

    const single = await post("/", ["INCR", `${prefix}:p`]);
    expect(single.status).toBe(400);
    expect(((await single.json()) as { error: string }).error).toMatch(/not an integer/);
  });

  it("runs /multi-exec as one transaction", async () => {
    const tx = redis.multi();
    tx.set(`${prefix}:m`, 1);
    tx.incr(`${prefix}:m`);
    tx.incrby(`${prefix}:m`, 5);
    expect(await tx.exec()).toEqual(["OK", 2, 7]);
  });

  it("accepts scripts with Upstash's allow-key-locking flag, by their original sha", async () => {
    const script = "#!lua flags=allow-key-locking\nreturn redis.call('INCRBY', KEYS[1], ARGV[1])";
    expect(await redis.eval(script, [`${prefix}:lua`], [2])).toBe(2);
    expect(await redis.evalsha(sha1(script), [`${prefix}:lua`], [3])).toBe(5);

    const loaded = "#!lua flags=allow-key-locking\nreturn redis.call('GET', KEYS[1])";
    expect(await redis.scriptLoad(loaded)).toBe(sha1(loaded));
    expect(await redis.evalsha(sha1(loaded), [`${prefix}:lua`], [])).toBe(5);
  });
});
