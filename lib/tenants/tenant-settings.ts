import { z } from "zod";
import { db } from "@/lib/db/client";
import { ApiError, notFound } from "@/lib/http/errors";
import type { ApiKeyPrincipal } from "@/lib/keys/authenticate-api-key";
import { announceConfigChange } from "@/lib/keys/config-version";

/**
 * Tenant-wide settings (CONTRACT §5): the daily send cap across all the tenant's apps and both modes
 * (a spend cap against SMS pumping: an app setting would give every new app its own cap) and the
 * per-API-key request limit (a key is the tenant's, not an app's).
 */
const tenantRateLimitsSchema = z
  .object({
    sendsPerDay: z.number().int().min(1).max(100_000_000).describe("sends per day across all apps, test and live together (default 10,000)"),
    requestsPerKeyPerSecond: z.number().int().min(1).max(100_000).describe("requests per second per secret API key (default 100)"),
  })
  .partial()
  .strict();

/** `PATCH /api/v1/tenant` body. */
export const tenantSettingsSchema = z.object({ rateLimits: tenantRateLimitsSchema }).partial().strict();

type TenantSettingsInput = z.infer<typeof tenantSettingsSchema>;

type TenantView = {
  id: string;
  name: string;
  rateLimits: { sendsPerDay: number; requestsPerKeyPerSecond: number };
};

export type TenantLimits = { sendsPerDay: number; requestsPerKeyPerSecond: number };

/** The tenant's limits, as the rate limiter applies them. */
export async function tenantLimits(tenantId: string): Promise<TenantLimits> {
  const prisma = await db();
  const tenant = await prisma.tenant.findUnique({
    where: { id: tenantId },
    select: { sendsPerDay: true, requestsPerKeyPerSecond: true },
  });
  // A key outlives nothing: a missing tenant means a deleted one, whose keys are gone too.
  if (!tenant) throw notFound("tenant");
  return tenant;
}

/** `GET /api/v1/tenant`: any key of the tenant may read its settings. */
export async function getTenantSettings(principal: ApiKeyPrincipal): Promise<TenantView> {
  const prisma = await db();
  const tenant = await prisma.tenant.findUnique({ where: { id: principal.tenantId } });
  if (!tenant) throw notFound("tenant");
  return view(tenant);
}

/**
 * `PATCH /api/v1/tenant`: only a live key for the whole tenant (not restricted to some apps) may
 * change what applies to all apps and keys; others answer 403. The console calls it for owners and
 * admins with a principal of the same shape.
 */
export async function updateTenantSettings(principal: ApiKeyPrincipal, input: TenantSettingsInput): Promise<TenantView> {
  if (principal.mode !== "live" || principal.appIds.length > 0) {
    throw new ApiError(
      "forbidden",
      "Tenant settings apply to every app and key: change them with a live key that is not restricted to some apps (otpsk_live_…), or in the console.",
    );
  }
  const prisma = await db();
  const tenant = await prisma.tenant.update({
    where: { id: principal.tenantId },
    data: { ...(input.rateLimits ?? {}) },
  });
  // Keys are cached with their tenant's limits: every instance must read them again.
  await announceConfigChange(principal.tenantId);
  return view(tenant);
}

function view(tenant: { id: string; name: string } & TenantLimits): TenantView {
  return {
    id: tenant.id,
    name: tenant.name,
    rateLimits: { sendsPerDay: tenant.sendsPerDay, requestsPerKeyPerSecond: tenant.requestsPerKeyPerSecond },
  };
}
