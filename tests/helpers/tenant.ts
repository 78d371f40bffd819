import { updateApp } from "@/lib/apps/update-app";
import { db } from "@/lib/db/client";
import { announceConfigChange } from "@/lib/keys/config-version";
import type { AppSettingsInput } from "@/lib/apps/settings";
import { createTenant, type CreatedTenant } from "@/lib/tenants/create-tenant";
import { api, type Credential } from "./api";

export type TestTenant = CreatedTenant & { test: Credential; live: Credential };

/** A fresh tenant with its default app, for one test (the harness pattern: every test owns its data). */
export async function newTenant(settings?: AppSettingsInput): Promise<TestTenant> {
  const tenant = await createTenant({ name: `test-${Math.random().toString(36).slice(2, 8)}` });
  if (settings) await updateApp(tenant.tenantId, tenant.appId, settings);
  return { ...tenant, test: tenant.keys.test, live: tenant.keys.live };
}

/** Sets the tenant-wide limits of CONTRACT §5 (sendsPerDay, requestsPerKeyPerSecond) directly. */
export async function setTenantLimits(tenantId: string, limits: { sendsPerDay?: number; requestsPerKeyPerSecond?: number }) {
  const prisma = await db();
  await prisma.tenant.update({ where: { id: tenantId }, data: limits });
  await announceConfigChange(tenantId); // as the product's own writers do, for the server's caches
}

/** The newest outbox message to a recipient, and the code in it (from the WebOTP line, else the first code-like word). */
export async function readCode(key: Credential, recipient: string): Promise<string> {
  const response = await api("GET", `/api/v1/outbox?recipient=${encodeURIComponent(recipient)}&limit=1`, { key });
  const message = response.body?.data?.[0];
  if (!message) throw new Error(`no outbox message to ${recipient}: ${response.text}`);
  // SMS bodies end with the WebOTP line "@host #code"; other bodies carry the code as a word.
  const match = /#([0-9A-Z]{4,10})\s*$/.exec(message.body) ?? /\b([0-9A-Z]{4,10})\b/.exec(message.body);
  if (!match) throw new Error(`no code in "${message.body}"`);
  return match[1]!;
}
