import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startTcpProxy } from "../../helpers/tcp-proxy";
import { newTenant, type TestTenant } from "../../helpers/tenant";

// A second OTPilot server whose database connection runs through a proxy this file can cut: a
// PostgreSQL restart or outage as the server sees it. PostgreSQL only (the embedded database has no
// connection to cut).
const databaseUrl = inject("databaseUrl");
const root = path.resolve(import.meta.dirname, "../../..");

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe.skipIf(!databaseUrl)("the database goes away", { timeout: 240_000 }, () => {
  let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
  let server: ChildProcess;
  let base: string;
  let t: TestTenant;

  // The per-address limit for requests without a valid key is counted in the run's shared Redis, where
  // other files' keyless requests from 127.0.0.1 land at the same time: this file's server believes
  // one proxy hop, and every call comes from an address of its own.
  const clientAddress = `2001:db8:${Math.floor(Math.random() * 0xffff).toString(16)}::${Math.floor(Math.random() * 0xffff).toString(16)}`;
  const call = async (method: string, urlPath: string, options: { secret?: string; body?: unknown } = {}) => {
    const headers: Record<string, string> = { "X-Forwarded-For": clientAddress };
    if (options.secret) headers.Authorization = `Bearer ${options.secret}`;
    if (options.body) headers["Content-Type"] = "application/json";
    const response = await fetch(base + urlPath, { method, headers, body: options.body ? JSON.stringify(options.body) : undefined });
    const text = await response.text();
    let body: any;
    try {
      body = JSON.parse(text);
    } catch {}
    return { status: response.status, headers: response.headers, body, text };
  };

  beforeAll(async () => {
    const target = new URL(databaseUrl!);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const proxied = new URL(databaseUrl!);
    proxied.hostname = "127.0.0.1";
    proxied.port = String(proxy.port);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const logFile = path.join(root, "test-results", `server-faults-${Date.now()}.log`);
    const log = fs.openSync(logFile, "w");
    // The same kind of server as the run's: the production build with OTPILOT_TEST_SERVER=start, else next dev.
    const args =
      process.env.OTPILOT_TEST_SERVER === "start"
        ? [path.join(root, ".next/standalone/server.js")]
        : [path.join(root, "node_modules/next/dist/bin/next"), "dev", "--port", String(port), "--hostname", "127.0.0.1"];
    server = spawn(process.execPath, args, {
      cwd: root,
      env: {
        ...(inject("worker").env as NodeJS.ProcessEnv),
        DATABASE_URL: proxied.toString(),
        DATABASE_POOL_SIZE: "3",
        PORT: String(port),
        HOSTNAME: "127.0.0.1",
        OTPILOT_BASE_URL: base,
        NEXT_DIST_DIR: ".next-test-faults",
        OTPILOT_TRUST_PROXY: "1",
        LOG_LEVEL: "warn",
      },
      stdio: ["ignore", log, log],
      detached: true,
    });
    const deadline = Date.now() + 180_000;
    for (;;) {
      try {
        if ((await fetch(`${base}/api/health`)).ok) break;
      } catch {}
      if (Date.now() > deadline || server.exitCode !== null) {
        throw new Error(`the fault server did not start:\n${fs.readFileSync(logFile, "utf8").slice(-3000)}`);
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    t = await newTenant();
    // Compile (next dev) or load the routes this file calls before the database goes away.
    expect((await call("POST", "/api/v1/otp/send", { secret: t.test.secret, body: { recipient: "+5511987653001" } })).status).toBe(201);
    await call("GET", "/api/v1/otp/list", { secret: t.test.secret });
    await call("GET", "/api/v1/nope", { secret: t.test.secret });
  });

  afterAll(async () => {
    await proxy?.restore().catch(() => {});
    if (server?.pid) {
      try {
        process.kill(-server.pid, "SIGTERM");
      } catch {}
    }
    await proxy?.close();
  });

  it("answers 503 unavailable with Retry-After and RateLimit-*, never 500 or 429, and recovers", async () => {
    await proxy.cut();
    try {
      for (let i = 0; i < 6; i++) {
        for (const [method, urlPath, body] of [
          ["POST", "/api/v1/otp/send", { recipient: "+5511987653002" }],
          ["GET", "/api/v1/otp/list", undefined],
        ] as const) {
          const response = await call(method, urlPath, { secret: t.test.secret, body });
          expect(response.status, `${method} ${urlPath}: ${response.text}`).toBe(503);
          expect(response.body.code).toBe("unavailable");
          expect(Number(response.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
          expect(response.headers.get("ratelimit-limit")).toMatch(/^\d+$/);
          expect(response.headers.get("ratelimit-remaining")).toMatch(/^\d+$/);
          expect(response.headers.get("x-request-id")).toMatch(/^req_/);
        }
      }
    } finally {
      await proxy.restore();
    }
    const deadline = Date.now() + 30_000;
    let last = 0;
    while (Date.now() < deadline) {
      last = (await call("POST", "/api/v1/otp/send", { secret: t.test.secret, body: { recipient: "+5511987653003" } })).status;
      if (last === 201) break;
      expect([201, 503]).toContain(last);
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(last).toBe(201);
  });

  it("a key lookup that fails because the database is down is not charged to the per-IP limit for bad keys", async () => {
    const anonymousRemaining = async () =>
      Number((await call("GET", "/api/v1/otp/list", { secret: "otpsk_test_not_a_valid_key" })).headers.get("ratelimit-remaining"));
    const before = await anonymousRemaining();
    await proxy.cut();
    try {
      for (let i = 0; i < 5; i++) {
        // A fresh credential each time: no process may have it cached.
        const response = await call("GET", "/api/v1/otp/list", { secret: t.live.secret });
        expect(response.status, response.text).toBe(503);
      }
    } finally {
      await proxy.restore();
    }
    // One more refused key request since `before`: the five outages were not counted.
    expect(await anonymousRemaining()).toBe(before - 1);
  });

  it("/api/health reports the down database with a real error", async () => {
    await proxy.cut();
    try {
      const response = await call("GET", "/api/health");
      expect(response.status).toBe(503);
      expect(response.body.dependencies.database.status).toBe("down");
      expect(response.body.dependencies.database.error).toMatch(/\w{4,}/);
    } finally {
      await proxy.restore();
    }
  });
});
