/** A benchmark tenant: made by the project's CLI, with limits raised so the benchmark measures work, not refusals. */
import { runScript } from "./services";

export type BenchTenant = { tenantId: string; appId: string; secret: string };

/** Rate limits far above what one machine can send in a run (each at its schema's maximum or close). */
const RAISED_LIMITS = {
  sendsPerRecipient: 1_000_000,
  sendsPerNumberPrefix: 1_000_000,
  sendsPerTenantPerDay: 100_000_000,
  requestsPerKeyPerSecond: 100_000,
  verifiesPerRecipient: 1_000_000,
};

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
    keys: { test: { secret: string } };
  };
  const tenant = { tenantId: created.tenantId, appId: created.appId, secret: created.keys.test.secret };
  // Through the public API, as a tenant would: exposeCode lets verify use the codes sends return.
  const response = await fetch(`${baseUrl}/api/v1/apps/${tenant.appId}`, {
    method: "PATCH",
    headers: { Authorization: `Bearer ${tenant.secret}`, "Content-Type": "application/json" },
    body: JSON.stringify({ exposeCode: true, rateLimits: RAISED_LIMITS }),
  });
  if (!response.ok)
    throw new Error(`PATCH /api/v1/apps/${tenant.appId}: ${response.status} ${await response.text()}`);
  return tenant;
}
