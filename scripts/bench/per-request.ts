/**
 * Statements, round trips and Redis commands per send and per verify: a second app server (same
 * build, database and Redis) reaches both through counting proxies and answers sequential requests.
 */
import { countingProxy, type Counts } from "./profile";
import { Cleanups, groupCpuSeconds, startAppServer } from "./services";
import type { BenchTenant } from "./tenant";

/** `cpuMs`: CPU time of the server's processes per request (Linux), null where unknown. */
export type PerRequest = {
  requests: number;
  meanMs: number;
  cpuMs: number | null;
  postgres: Counts;
  redis: Counts;
};

export async function profilePerRequest(options: {
  env: NodeJS.ProcessEnv;
  tenant: BenchTenant;
  logFile: string;
  requests: number;
}): Promise<{ send: PerRequest; verify: PerRequest }> {
  const cleanups = new Cleanups();
  try {
    const postgres = await countingProxy(options.env.DATABASE_URL!);
    cleanups.add("postgres proxy", postgres.close);
    const redis = await countingProxy(options.env.REDIS_URL!);
    cleanups.add("redis proxy", redis.close);
    const { baseUrl, server } = await startAppServer("profiled OTPilot server", {
      env: { ...options.env, DATABASE_URL: postgres.url, REDIS_URL: redis.url },
      logFile: options.logFile,
      cleanups,
    });

    const headers = { Authorization: `Bearer ${options.tenant.secret}`, "Content-Type": "application/json" };
    const post = async (route: string, body: unknown, expected: number) => {
      const response = await fetch(`${baseUrl}${route}`, {
        method: "POST",
        headers,
        body: JSON.stringify(body),
      });
      const text = await response.text();
      if (response.status !== expected)
        throw new Error(`profile: POST ${route} answered ${response.status} ${text}`);
      return JSON.parse(text) as { id: string; code: string };
    };
    // One of each first, so start-up work (connections, first queries) is not counted.
    const warm = await post("/api/v1/otp/send", { recipient: "+5511960000000" }, 201);
    await post("/api/v1/otp/verify", { id: warm.id, code: warm.code }, 200);

    const measure = async (each: (i: number) => Promise<unknown>): Promise<PerRequest> => {
      postgres.take();
      redis.take();
      const cpuBefore = groupCpuSeconds(server.pid!);
      const started = performance.now();
      for (let i = 0; i < options.requests; i++) await each(i);
      const meanMs = (performance.now() - started) / options.requests;
      const cpuAfter = groupCpuSeconds(server.pid!);
      const cpuMs =
        cpuBefore === null || cpuAfter === null ? null : ((cpuAfter - cpuBefore) * 1000) / options.requests;
      return { requests: options.requests, meanMs, cpuMs, postgres: postgres.take(), redis: redis.take() };
    };
    const sent: Array<{ id: string; code: string }> = [];
    const send = await measure(async (i) =>
      sent.push(await post("/api/v1/otp/send", { recipient: `+551197${String(i).padStart(7, "0")}` }, 201)),
    );
    const verify = await measure((i) =>
      post("/api/v1/otp/verify", { id: sent[i]!.id, code: sent[i]!.code }, 200),
    );
    return { send, verify };
  } finally {
    await cleanups.runAll();
  }
}
