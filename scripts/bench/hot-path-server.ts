/**
 * A production server of this repository for the short CPU checks (cpu-check.ts, ab-check.ts): a
 * fresh database, Redis, the benchmark tenant, and the hot path's requests as load scenarios.
 */
import path from "node:path";
import type { LoadRequest } from "./load";
import { createDatabase, productionEnv, repoRoot, startAppServer, type Cleanups } from "./services";
import { createBenchTenant } from "./tenant";

export type HotPathScenario = "live" | "unknown" | "send" | "verify";

export type HotPathServer = {
  baseUrl: string;
  /** the server's own database, for databaseCpuSeconds */
  databaseUrl: string;
  /** the server's process group, for groupCpuSeconds */
  pid: number;
  /** send before verify: verify uses the codes of the send runs, newest first, each once */
  scenarios: Record<HotPathScenario, LoadRequest>;
};

export async function startHotPathServer(options: {
  /** names the database, data folder and log (`.data-<name>`, `.data-<name>.log`) */
  name: string;
  cleanups: Cleanups;
  /** recipients are this prefix and 7 digits: one per server sharing a Redis */
  recipientPrefix: string;
  /** extra environment of the server (NEXT_DIST_DIR, NODE_OPTIONS…) */
  env?: Record<string, string>;
  profileDir?: string | null;
}): Promise<HotPathServer> {
  const { name, cleanups } = options;
  const databaseUrl = await createDatabase("postgresql://postgres@127.0.0.1:5432/postgres", cleanups, `otpilot_${name.replaceAll("-", "_")}`);
  const env = { ...productionEnv({ databaseUrl, dataDir: path.join(repoRoot, `.data-${name}`) }), ...options.env };
  const { baseUrl, server } = await startAppServer(`server ${name}`, {
    env,
    logFile: path.join(repoRoot, `.data-${name}.log`),
    cleanups,
    profileDir: options.profileDir,
  });
  const tenant = await createBenchTenant(name, baseUrl, env);
  const headers = { Authorization: `Bearer ${tenant.secret}` };
  let next = 0;
  const codes: Array<{ id: string; code: string }> = [];
  return {
    baseUrl,
    databaseUrl,
    pid: server.pid!,
    scenarios: {
      live: { method: "GET", path: "/api/health/live" },
      unknown: { method: "GET", path: "/api/v1/nope", headers },
      send: {
        method: "POST",
        path: "/api/v1/otp/send",
        headers,
        body: () => ({ recipient: `${options.recipientPrefix}${String(next++).padStart(7, "0")}` }),
        onResponse: (status, body) => {
          if (status === 201) codes.push(JSON.parse(body) as { id: string; code: string });
        },
      },
      verify: { method: "POST", path: "/api/v1/otp/verify", headers, body: () => codes.pop() },
    },
  };
}
