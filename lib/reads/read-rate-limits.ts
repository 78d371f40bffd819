import { z } from "zod";
import type { ApiKeyPrincipal } from "@/lib/keys/authenticate-api-key";
import { resolveApp, resolveRecipient } from "@/lib/otp/resolve-target";
import { peekLimits } from "@/lib/rate-limit/limiter";
import { appPolicyLimit, limitIds, rateLimitIds, tenantPolicyLimit, type PolicyName } from "@/lib/rate-limit/policies";
import { secondsUntil, type LimitCheck } from "@/lib/rate-limit/rate-limiter";
import { tenantLimits } from "@/lib/tenants/tenant-settings";
import { recipientQuerySchema } from "./query-fields";

/** `GET /api/v1/otp/rate-limits` query. */
export const rateLimitsQuerySchema = z.object({
  appId: z
    .string()
    .max(64)
    .optional()
    .describe("the app; required when the key can use more than one app"),
  recipient: recipientQuerySchema.optional(),
});

/**
 * One limit's state. `reset` is whole seconds until the window ends, like the RateLimit-Reset
 * header (at least 1); `resetAt` is the same moment as an ISO time.
 */
export type RateLimitView = {
  name: PolicyName;
  limit: number;
  remaining: number;
  reset: number;
  resetAt: string;
};

/**
 * The limits that apply to this key (requests per key) and, in the app, to the tenant's daily sends
 * and — with a recipient — to that number's sends, verify attempts and number range, with the app's
 * overrides. Reading consumes nothing.
 */
export async function readRateLimits(
  principal: ApiKeyPrincipal,
  query: z.infer<typeof rateLimitsQuerySchema>,
): Promise<{ data: RateLimitView[] }> {
  const app = await resolveApp(principal, query.appId);
  const check = (policy: PolicyName, id: string): LimitCheck => ({
    policy,
    id,
    override: appPolicyLimit(policy, app.rateLimits),
  });
  const tenant = await tenantLimits(principal.tenantId);
  const checks: LimitCheck[] = [
    { policy: "requestsPerKey", id: limitIds.apiKey(principal.keyId), override: tenantPolicyLimit("requestsPerKey", tenant) },
    { policy: "sendsPerTenantPerDay", id: limitIds.tenant(principal.tenantId), override: tenantPolicyLimit("sendsPerTenantPerDay", tenant) },
  ];
  if (query.recipient !== undefined) {
    const recipient = resolveRecipient({ recipient: query.recipient });
    const ids = rateLimitIds({
      tenantId: principal.tenantId,
      appId: app.id,
      recipient: recipient.e164,
      numberPrefix: recipient.numberPrefix,
    });
    checks.push(
      check("sendsPerRecipient", ids.recipient),
      check("verifiesPerRecipient", ids.recipient),
      check("sendsPerNumberPrefix", ids.numberPrefix),
    );
  }
  const now = Date.now();
  const states = await peekLimits(checks);
  return {
    data: states.map((s) => ({
      name: s.name,
      limit: s.limit,
      remaining: s.remaining,
      reset: secondsUntil(s.reset, now),
      resetAt: new Date(Math.max(s.reset, now)).toISOString(),
    })),
  };
}
