import { execFile, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, inject, it } from "vitest";
import { db } from "@/lib/db/client";
import { api, randomMobile } from "../../helpers/api";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../../..");
const tsx = path.join(root, "node_modules/.bin/tsx");

/** Runs `npm run cli -- …` the way an operator does (tsx scripts/cli.ts), against the given environment. */
async function cli(args: string[], env: NodeJS.ProcessEnv) {
  try {
    const { stdout, stderr } = await run(tsx, ["scripts/cli.ts", ...args], { cwd: root, env: { ...env, LOG_LEVEL: "warn" }, timeout: 90_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Like cli(), with `input` written to the process's standard input (a pipe, not a terminal). */
function cliWithInput(args: string[], env: NodeJS.ProcessEnv, input: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, ["scripts/cli.ts", ...args], { cwd: root, env: { ...env, LOG_LEVEL: "warn" } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
    child.stdin.end(input);
  });
}

/** The environment of the running test server's database. */
function serverDatabaseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, OTPILOT_DATA_DIR: inject("dataDir") };
  const databaseUrl = inject("databaseUrl");
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  else delete env.DATABASE_URL;
  return env;
}

// Each call starts a real process (tsx compiles on the fly): give them time on a loaded machine.
describe("npm run cli (CONTRACT §2)", { timeout: 120_000 }, () => {
  it("tenant:create --json prints exactly the contract's object, and its keys work against the running server", async () => {
    const result = await cli(["tenant:create", "--name", "Acme", "--json"], serverDatabaseEnv());
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    const created = JSON.parse(lines[0]!);
    expect(Object.keys(created).sort()).toEqual(["appId", "keys", "publishableKeys", "tenantId"]);
    expect(created.tenantId).toMatch(/^ten_/);
    expect(created.appId).toMatch(/^app_/);
    expect(created.keys.live).toEqual({ keyId: expect.stringMatching(/^key_/), secret: expect.stringMatching(/^otpsk_live_/) });
    expect(created.keys.test).toEqual({ keyId: expect.stringMatching(/^key_/), secret: expect.stringMatching(/^otpsk_test_/) });
    expect(created.publishableKeys).toEqual({ live: expect.stringMatching(/^otppk_live_/), test: expect.stringMatching(/^otppk_test_/) });

    const sent = await api("POST", "/api/v1/otp/send", { key: created.keys.test, body: { recipient: randomMobile() } });
    expect(sent.status, sent.text).toBe(201);
    expect(sent.body.appId).toBe(created.appId);
    const app = await api("GET", `/api/v1/apps/${created.appId}`, { key: created.keys.live, form: "pair" });
    expect(app.body.publishableKeys).toEqual(created.publishableKeys);
  });

  it("key:create, app:update and key:revoke act on the server's database", async () => {
    const env = serverDatabaseEnv();
    const created = JSON.parse((await cli(["tenant:create", "--name", "Keys", "--json"], env)).stdout);
    const key = await cli(["key:create", "--tenant", created.tenantId, "--mode", "test", "--app", created.appId, "--json"], env);
    expect(key.code, key.stderr).toBe(0);
    const newKey = JSON.parse(key.stdout);
    expect(newKey.secret).toMatch(/^otpsk_test_/);
    expect((await api("GET", "/api/v1/apps", { key: newKey })).status).toBe(200);

    const updated = await cli(
      ["app:update", "--app", created.appId, "--set", "rateLimits.sendsPerRecipient=20", "--set", "channels=whatsapp,sms", "--json"],
      env,
    );
    expect(updated.code, updated.stderr).toBe(0);
    expect(JSON.parse(updated.stdout)).toMatchObject({ channels: ["whatsapp", "sms"], rateLimits: { sendsPerRecipient: 20 } });
    const read = await api("GET", `/api/v1/apps/${created.appId}`, { key: newKey });
    expect(read.body.rateLimits.sendsPerRecipient).toBe(20);

    expect((await cli(["key:revoke", "--key", newKey.keyId], env)).code).toBe(0);
    expect((await api("GET", "/api/v1/apps", { key: newKey })).status).toBe(401);
  });

  it("refuses bad input with a message and a non-zero exit, changing nothing", async () => {
    const env = serverDatabaseEnv();
    const created = JSON.parse((await cli(["tenant:create", "--name", "Bad", "--json"], env)).stdout);
    const bad = await cli(["app:update", "--app", created.appId, "--set", "maxAttempts=99"], env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/maxAttempts/);
    expect((await cli(["key:create", "--tenant", created.tenantId, "--mode", "prod"], env)).stderr).toMatch(/--mode/);
    expect((await cli(["nonsense"], env)).code).toBe(2);
    const app = await api("GET", `/api/v1/apps/${created.appId}`, { key: created.keys.test });
    expect(app.body.maxAttempts).toBe(5);
  });

  it("works on a fresh embedded database with no server running", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "otpilot-cli-"));
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, OTPILOT_DATA_DIR: dataDir };
      delete env.DATABASE_URL;
      const first = await cli(["tenant:create", "--name", "Solo", "--json"], env);
      expect(first.code, first.stderr).toBe(0);
      const second = await cli(["tenant:create", "--name", "Solo 2", "--json"], env);
      expect(second.code, second.stderr).toBe(0);
      expect(JSON.parse(second.stdout).tenantId).not.toBe(JSON.parse(first.stdout).tenantId);
      expect(fs.existsSync(path.join(dataDir, "pglite"))).toBe(true);
      expect(fs.existsSync(path.join(dataDir, "pglite.lock"))).toBe(false);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);

  it("user:create reads the password from standard input, never from argv, and takes --role", async () => {
    const env = serverDatabaseEnv();
    const created = JSON.parse((await cli(["tenant:create", "--name", "People", "--json"], env)).stdout);
    const email = `ops-${Math.random().toString(36).slice(2, 8)}@example.com`;
    const prisma = await db();

    const refused = await cliWithInput(["user:create", "--email", email, "--tenant", created.tenantId, "--password", "correct horse battery"], env, "");
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--password is not accepted/);
    expect(await prisma.user.findUnique({ where: { email } })).toBeNull();

    const badRole = await cliWithInput(["user:create", "--email", email, "--tenant", created.tenantId, "--role", "root"], env, "correct horse battery\n");
    expect(badRole.code).toBe(2);

    const made = await cliWithInput(["user:create", "--email", email, "--tenant", created.tenantId, "--role", "viewer", "--json"], env, "correct horse battery\n");
    expect(made.code, made.stderr).toBe(0);
    expect(JSON.parse(made.stdout)).toMatchObject({ email, tenantId: created.tenantId, role: "viewer" });
    expect(made.stdout + made.stderr).not.toContain("correct horse battery");
    const user = await prisma.user.findUniqueOrThrow({ where: { email }, include: { memberships: true } });
    expect(user.memberships).toEqual([expect.objectContaining({ tenantId: created.tenantId, role: "viewer" })]);
    expect(user.passwordHash).toMatch(/^scrypt\$/);
    expect(user.passwordHash).not.toContain("correct horse battery");
  });
});
