import { z } from "zod";
import type { AuditActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import { hashPassword } from "./password";

const input = z.object({
  email: z.email().transform((e) => e.toLowerCase()),
  password: z.string().min(10, "passwords need at least 10 characters").max(200),
  tenantId: z.string().min(1),
  role: z.enum(["owner", "admin", "developer", "viewer"]).default("owner"),
});

/**
 * Creates a console user (or reuses one with that email) and gives them access to a tenant. With an
 * `actor`, the tenant's audit log records it (`member.added`) in the same transaction.
 */
export async function createConsoleUser(raw: z.input<typeof input>, actor?: AuditActor) {
  const { email, password, tenantId, role } = input.parse(raw);
  const prisma = await db();
  const passwordHash = await hashPassword(password);
  return prisma.$transaction(async (tx) => {
    const tenant = await tx.tenant.findUnique({ where: { id: tenantId }, select: { id: true } });
    if (!tenant) throw new Error(`no tenant ${tenantId}`);
    const user =
      (await tx.user.findUnique({ where: { email } })) ??
      (await tx.user.create({ data: { id: newId("usr"), email, passwordHash } }));
    await tx.membership.upsert({
      where: { tenantId_userId: { tenantId, userId: user.id } },
      create: { id: newId("mem"), tenantId, userId: user.id, role },
      update: { role },
    });
    if (actor) {
      const entry = { action: "member.added" as const, targetType: "member" as const, targetId: user.id, data: { email: user.email, role } };
      await recordAudit(actor, entry, tx);
    }
    return { userId: user.id, email: user.email, tenantId, role };
  });
}
