import { z } from "zod";
import type { AuditActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { baseUrl } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { ApiError, notFound } from "@/lib/http/errors";
import { newId } from "@/lib/ids";
import { authEnv } from "./auth-env";
import { sendMail } from "./mailer";
import { ROLES, type Role } from "./roles";
import { newLinkToken } from "./tokens";

const INVITATION_TTL_MS = 7 * 24 * 3600_000;

export const inviteSchema = z.object({
  email: z.email("an email address such as dana@example.com").trim().toLowerCase().max(320),
  role: z.enum(ROLES),
});

export const changeRoleSchema = z.object({ membershipId: z.string().max(64), role: z.enum(ROLES) });

/** Who is managing members: their role decides whether owners may be touched. */
export type MemberManager = { tenantId: string; role: Role; userId: string; actor: AuditActor };

function ownersOnly(manager: MemberManager, role: Role): void {
  if (role === "owner" && manager.role !== "owner") {
    throw new ApiError("forbidden", "Only an owner can invite, promote or remove owners.");
  }
}

/**
 * Invites a person by email to the tenant with a role. The link (7 days, one use) is emailed, or
 * printed in the server log without a mail transport; then the result also carries it, so the
 * inviter can pass it on. Only a hash of the link's token is stored.
 */
export async function inviteMember(
  manager: MemberManager,
  raw: z.input<typeof inviteSchema>,
): Promise<{ invitationId: string; email: string; link: string | null }> {
  const input = inviteSchema.parse(raw);
  ownersOnly(manager, input.role);
  const prisma = await db();
  const { token, hash } = newLinkToken();
  const link = `${baseUrl()}/console/invite/${token}`;
  const invitation = await prisma.$transaction(async (tx) => {
    const member = await tx.membership.findFirst({ where: { tenantId: manager.tenantId, user: { email: input.email } } });
    if (member) throw new ApiError("conflict", `${input.email} is already a member.`, { fieldErrors: { email: "already a member of this tenant" } });
    // A new invitation replaces an open one for the same email.
    await tx.invitation.updateMany({
      where: { tenantId: manager.tenantId, email: input.email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    const created = await tx.invitation.create({
      data: {
        id: newId("inv"),
        tenantId: manager.tenantId,
        email: input.email,
        role: input.role,
        tokenHash: hash,
        invitedById: manager.userId,
        expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
      },
      include: { tenant: { select: { name: true } } },
    });
    await recordAudit(
      manager.actor,
      { action: "member.invited", targetType: "invitation", targetId: created.id, data: { email: input.email, role: input.role } },
      tx,
    );
    return created;
  });
  await sendMail({
    to: input.email,
    subject: `You are invited to ${invitation.tenant.name} on OTPilot`,
    text: `${manager.actor.label} invited you to join ${invitation.tenant.name} on OTPilot as ${input.role}.\n\nAccept within 7 days: ${link}\n`,
    link,
  });
  return { invitationId: invitation.id, email: input.email, link: authEnv().smtpUrl ? null : link };
}

export async function revokeInvitation(manager: MemberManager, invitationId: string): Promise<void> {
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    const result = await tx.invitation.updateMany({
      where: { id: invitationId, tenantId: manager.tenantId, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (result.count !== 1) throw notFound("invitation");
    await recordAudit(manager.actor, { action: "invitation.revoked", targetType: "invitation", targetId: invitationId }, tx);
  });
}

async function lockOwners(tx: Parameters<Parameters<Awaited<ReturnType<typeof db>>["$transaction"]>[0]>[0], tenantId: string) {
  // Serialises role changes per tenant, so two admins cannot demote the last two owners at once.
  await tx.$queryRaw`SELECT id FROM "Tenant" WHERE id = ${tenantId} FOR UPDATE`;
  return tx.membership.count({ where: { tenantId, role: "owner" } });
}

/** Changes a member's role. Only owners touch owners; the last owner stays an owner. */
export async function changeMemberRole(manager: MemberManager, raw: z.input<typeof changeRoleSchema>): Promise<void> {
  const input = changeRoleSchema.parse(raw);
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    const owners = await lockOwners(tx, manager.tenantId);
    const member = await tx.membership.findFirst({
      where: { id: input.membershipId, tenantId: manager.tenantId },
      include: { user: { select: { email: true } } },
    });
    if (!member) throw notFound("member");
    ownersOnly(manager, member.role as Role);
    ownersOnly(manager, input.role);
    if (member.role === "owner" && input.role !== "owner" && owners <= 1) {
      throw new ApiError("conflict", "A tenant needs at least one owner. Make someone else owner first.");
    }
    await tx.membership.update({ where: { id: member.id }, data: { role: input.role } });
    await recordAudit(
      manager.actor,
      { action: "member.role_changed", targetType: "member", targetId: member.userId, data: { email: member.user.email, from: member.role, to: input.role } },
      tx,
    );
  });
}

/** Removes a member (or lets a person leave). Only owners remove owners; the last owner stays. */
export async function removeMember(manager: MemberManager, membershipId: string): Promise<void> {
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    const owners = await lockOwners(tx, manager.tenantId);
    const member = await tx.membership.findFirst({
      where: { id: membershipId, tenantId: manager.tenantId },
      include: { user: { select: { email: true } } },
    });
    if (!member) throw notFound("member");
    ownersOnly(manager, member.role as Role);
    if (member.role === "owner" && owners <= 1) {
      throw new ApiError("conflict", "A tenant needs at least one owner. Make someone else owner first.");
    }
    await tx.membership.delete({ where: { id: member.id } });
    await recordAudit(
      manager.actor,
      { action: "member.removed", targetType: "member", targetId: member.userId, data: { email: member.user.email, role: member.role } },
      tx,
    );
  });
}

export type TeamView = {
  members: { membershipId: string; userId: string; email: string; name: string | null; role: Role; joinedAt: Date }[];
  invitations: { id: string; email: string; role: Role; expiresAt: Date; createdAt: Date }[];
};

export async function listTeam(tenantId: string): Promise<TeamView> {
  const prisma = await db();
  const [members, invitations] = await Promise.all([
    prisma.membership.findMany({
      where: { tenantId },
      include: { user: { select: { email: true, name: true } } },
      orderBy: { createdAt: "asc" },
    }),
    prisma.invitation.findMany({
      where: { tenantId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
      orderBy: { createdAt: "desc" },
    }),
  ]);
  return {
    members: members.map((m) => ({
      membershipId: m.id,
      userId: m.userId,
      email: m.user.email,
      name: m.user.name,
      role: m.role as Role,
      joinedAt: m.createdAt,
    })),
    invitations: invitations.map((i) => ({ id: i.id, email: i.email, role: i.role as Role, expiresAt: i.expiresAt, createdAt: i.createdAt })),
  };
}
