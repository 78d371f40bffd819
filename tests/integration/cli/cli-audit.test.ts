/**
 * What the operator changes through the CLI lands in the tenant's audit log like a console or API
 * change, named as the CLI and the system account that ran it (lib/audit/actor.ts operatorActor).
 */
import { execFile, spawn } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, inject, it } from "vitest";
import { api } from "../../helpers/api";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../../..");
const tsx = path.join(root, "node_modules/.bin/tsx");

function env(): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, OTPILOT_DATA_DIR: inject("dataDir"), LOG_LEVEL: "warn" };
  const databaseUrl = inject("databaseUrl");
  if (databaseUrl) e.DATABASE_URL = databaseUrl;
  else delete e.DATABASE_URL;
  return e;
}

async function cli(args: string[], input?: string): Promise<string> {
  if (input === undefined) return (await run(tsx, ["scripts/cli.ts", ...args], { cwd: root, env: env(), timeout: 90_000 })).stdout;
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, ["scripts/cli.ts", ...args], { cwd: root, env: env() });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(stdout) : reject(new Error(`exit ${code}: ${stderr}`))));
    child.stdin.end(input);
  });
}

describe("CLI changes in the audit log", { timeout: 120_000 }, () => {
  it("tenant:create, key:create and user:create are recorded as the operator's, without secrets", async () => {
    const created = JSON.parse(await cli(["tenant:create", "--name", "Audited", "--json"]));
    const [key] = await Promise.all([
      cli(["key:create", "--tenant", created.tenantId, "--mode", "test", "--json"]).then((out) => JSON.parse(out)),
      cli(["user:create", "--email", `ops-${created.tenantId}@example.com`, "--tenant", created.tenantId, "--role", "viewer"], "a long enough password\n"),
    ]);

    const log = await api("GET", "/api/v1/audit-log?limit=100", { key: created.keys.live });
    expect(log.status, log.text).toBe(200);
    const entries = log.body.data as { action: string; actor: { type: string; id: string; label: string }; target: { id: string | null }; data: Record<string, unknown> }[];
    expect(entries.map((e) => e.action).sort()).toEqual(["api_key.created", "member.added", "tenant.created"]);
    for (const entry of entries) {
      expect(entry.actor.type).toBe("operator");
      expect(entry.actor.id).toBe("cli");
      expect(entry.actor.label).toMatch(/^CLI \(.+\)$/);
    }
    expect(entries.find((e) => e.action === "api_key.created")).toMatchObject({ target: { id: key.keyId }, data: { mode: "test" } });
    expect(entries.find((e) => e.action === "member.added")?.data).toMatchObject({ role: "viewer" });
    // Never a secret: neither the new key's nor the tenant's.
    expect(log.text).not.toContain(key.secret);
    expect(log.text).not.toContain(created.keys.live.secret);

    const onlyCli = await api("GET", "/api/v1/audit-log?actorType=operator", { key: created.keys.test });
    expect(onlyCli.status, onlyCli.text).toBe(200);
    expect(onlyCli.body.data).toHaveLength(3);
  });
});
