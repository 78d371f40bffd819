import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { newId } from "@/lib/ids";
import type { AuditAction } from "./actions";
import type { AuditActor } from "./actor";

export type AuditEntry = {
  action: AuditAction;
  targetType: "app" | "api_key" | "template" | "webhook" | "member" | "invitation" | "tenant";
  targetId?: string | null;
  /** What changed, never a secret: names of changed settings, roles, modes, emails. */
  data?: Record<string, unknown>;
};

/** Setting names whose values are secrets: the log names them as changed, never shows the value. */
const SECRET_FIELDS = /secret|token|password|authToken|accessToken|providers/i;

/**
 * Writes one audit-log entry. Pass the transaction of the change when there is one, so the entry
 * commits or rolls back with it. `data` is stripped of anything that looks like a secret value.
 */
export async function recordAudit(
  actor: AuditActor,
  entry: AuditEntry,
  tx?: Prisma.TransactionClient,
): Promise<void> {
  const client = tx ?? (await db());
  await client.auditLog.create({
    data: {
      id: newId("aud"),
      tenantId: actor.tenantId,
      actorType: actor.type,
      actorId: actor.id,
      actorLabel: actor.label,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      ip: actor.ip,
      data: scrub(entry.data ?? {}) as Prisma.InputJsonValue,
    },
  });
}

function scrub(data: Record<string, unknown>): Record<string, unknown> {
  const clean: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(data)) {
    if (SECRET_FIELDS.test(name) && name !== "changed") continue;
    clean[name] = value;
  }
  return clean;
}

/** The names of the settings a partial update touches (`rateLimits.sendsPerRecipient`, `providers.twilio`). */
export function changedSettings(input: Record<string, unknown>): string[] {
  const names: string[] = [];
  for (const [name, value] of Object.entries(input)) {
    if (value && typeof value === "object" && !Array.isArray(value)) {
      for (const inner of Object.keys(value)) names.push(`${name}.${inner}`);
    } else {
      names.push(name);
    }
  }
  return names.sort();
}
