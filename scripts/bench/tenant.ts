/** A benchmark tenant: made by the project's CLI, with limits raised so the benchmark measures work, not refusals. */
import { runScript } from "./services";

export type BenchTenant = { tenantId: string; appId: string; secret: string };

/** Rate limits far above what one machine can send in a run (each at its schema's maximum or close). */
export const RAISED_LIMITS = {
  sendsPerRecipient: 1_000_000,
  sendsPerNumberPrefix: 1_000_000,
  verifiesPerRecipient: 1_000_000,
};
/** The tenant-wide ones (PATCH /api/v1/tenant). */
export const RAISED_TENANT_LIMITS = { sendsPerDay: 100_000_000, requestsPerKeyPerSecond: 100_000 };

export async function createBenchTenant(
  name: string,
  baseUrl: string,
  env: NodeJS.ProcessEnv,
): Promise<BenchTenant> {
  const created = JSON.parse(
    await runScript("scripts/cli.ts", ["tenant:create", "--name", name, "--json"], env),
  ) as {
    tenantId: string;
    appId: string;
    keys: { test: { secret: string }; live: { secret: string } };
  };
  const tenant = { tenantId: created.tenantId, appId: created.appId, secret: created.keys.test.secret };
  // Through the public API, as a tenant would: exposeCode lets verify use the codes sends return.
  // exposeCode and tenant settings need the live key; the benchmark then sends with the test key.
  const live = { Authorization: `Bearer ${created.keys.live.secret}`, "Content-Type": "application/json" };
  for (const [path, body] of [
    [`/api/v1/apps/${tenant.appId}`, { exposeCode: true, rateLimits: RAISED_LIMITS }],
    ["/api/v1/tenant", { rateLimits: RAISED_TENANT_LIMITS }],
  ] as const) {
    const response = await fetch(`${baseUrl}${path}`, { method: "PATCH", headers: live, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`PATCH ${path}: ${response.status} ${await response.text()}`);
  }
  return tenant;
}
