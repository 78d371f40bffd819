import { z } from "zod";
import { tenantSettingsSchema } from "@/lib/tenants/tenant-settings";
import type { ApiOperation } from "../registry";

const tenantObject = z
  .object({
    id: z.string().meta({ examples: ["ten_01jq3v5b7cfz9tw2m8xk4n6r0d"] }),
    name: z.string(),
    rateLimits: z.object({
      sendsPerDay: z.int().describe("sends per day across all apps, test and live together"),
      requestsPerKeyPerSecond: z.int().describe("requests per second per secret API key"),
    }),
  })
  .meta({ id: "Tenant", description: "The tenant's settings that apply to all its apps and keys (CONTRACT §5)." });

export const tenantOperations: ApiOperation[] = [
  {
    method: "get",
    path: "/api/v1/tenant",
    operationId: "getTenant",
    tag: "Apps",
    summary: "Read the tenant's settings",
    description: "The tenant-wide rate limits: the daily send cap (all apps, both modes) and the per-key request limit.",
    response: { status: 200, description: "The tenant.", schema: tenantObject },
    errors: [],
  },
  {
    method: "patch",
    path: "/api/v1/tenant",
    operationId: "updateTenant",
    tag: "Apps",
    summary: "Change the tenant's settings",
    description:
      "Partial update of the tenant-wide rate limits. Needs a live key that is not restricted to some apps; " +
      "other keys answer 403 `forbidden`.",
    body: tenantSettingsSchema,
    response: { status: 200, description: "The updated tenant.", schema: tenantObject },
    errors: ["forbidden"],
  },
];
