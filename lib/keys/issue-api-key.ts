import { z } from "zod";
import type { AuditActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { ApiError } from "@/lib/http/errors";
import { createApiKey, type CreatedApiKey } from "./create-api-key";

/** What a person asks for when creating a key in the console. */
const issueApiKeySchema = z
  .object({
    name: z.string().trim().min(1, "give the key a name, e.g. \"Backend production\"").max(100),
    mode: z.enum(["live", "test"]),
    appIds: z.array(z.string().max(64)).max(100).default([]),
    expiresAt: z.coerce
      .date({ error: "a date such as 2027-01-31" })
      .refine((d) => d.getTime() > Date.now(), "must be in the future")
      .optional(),
  })
  .strict();

type IssueApiKeyInput = z.input<typeof issueApiKeySchema>;

/**
 * Creates a secret key for a tenant, restricted to some of its apps (none: all) and optionally
 * expiring. The secret is in the result and nowhere else, ever. Apps of another tenant answer 404.
 */
export async function issueApiKey(tenantId: string, raw: IssueApiKeyInput, actor: AuditActor): Promise<CreatedApiKey> {
  const input = issueApiKeySchema.parse(raw);
  const appIds = [...new Set(input.appIds)];
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    if (appIds.length) {
      const found = await tx.app.count({ where: { tenantId, id: { in: appIds } } });
      if (found !== appIds.length) throw new ApiError("not_found", "One of the chosen apps does not exist.");
    }
    const key = await createApiKey(tx, { tenantId, mode: input.mode, name: input.name, appIds, expiresAt: input.expiresAt });
    await recordAudit(
      actor,
      {
        action: "api_key.created",
        targetType: "api_key",
        targetId: key.keyId,
        data: { name: input.name, mode: input.mode, appIds, expiresAt: input.expiresAt?.toISOString() ?? null },
      },
      tx,
    );
    return key;
  });
}

type ApiKeyListItem = {
  id: string;
  name: string;
  mode: "live" | "test";
  start: string;
  appIds: string[];
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  rolledFromId: string | null;
};

/** A tenant's secret keys, newest first; never a secret or its hash. */
export async function listApiKeys(tenantId: string): Promise<ApiKeyListItem[]> {
  const prisma = await db();
  return prisma.apiKey.findMany({
    where: { tenantId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: {
      id: true,
      name: true,
      mode: true,
      start: true,
      appIds: true,
      createdAt: true,
      lastUsedAt: true,
      expiresAt: true,
      revokedAt: true,
      rolledFromId: true,
    },
  });
}
