import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import { baseUrl } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { ApiError } from "@/lib/http/errors";
import { newId } from "@/lib/ids";
import { createPublishableKey } from "@/lib/keys/create-api-key";
import { checkLimits } from "@/lib/rate-limit/limiter";
import { hashPassword, verifyPassword } from "@/lib/users/password";
import { authEnv } from "./auth-env";
import { sendMail } from "./mailer";
import { hashLinkToken, newLinkToken } from "./tokens";

const RESET_TTL_MS = 3600_000;

export const passwordSchema = z
  .string()
  .min(10, "at least 10 characters")
  .max(200, "at most 200 characters");

const emailSchema = z.email("an email address such as dana@example.com").trim().toLowerCase().max(320);

/**
 * Emails a password-reset link (1 hour, one use) when the email belongs to a person. The answer is
 * the same either way, so the form does not tell who has an account. Limited per email like sign-in.
 */
export async function requestPasswordReset(rawEmail: string): Promise<void> {
  const email = emailSchema.parse(rawEmail);
  const limit = await checkLimits([{ policy: "signInPerEmail", id: `reset:${email}` }]);
  if (!limit.ok) return;
  const prisma = await db();
  const user = await prisma.user.findUnique({ where: { email }, select: { id: true } });
  if (!user) return;
  const { token, hash } = newLinkToken();
  await prisma.passwordReset.create({
    data: { id: newId("pwr"), userId: user.id, tokenHash: hash, expiresAt: new Date(Date.now() + RESET_TTL_MS) },
  });
  const link = `${baseUrl()}/console/reset-password/${token}`;
  await sendMail({
    to: email,
    subject: "Reset your OTPilot password",
    text: `Someone asked to reset the password of ${email} on OTPilot. If it was you, choose a new one within an hour:\n\n${link}\n\nIf not, ignore this email.`,
    link,
  });
}

/**
 * Sets a new password from a reset link; the link and every other open one for the person stop
 * working, and so does every console session signed in before (a reset is what someone does when
 * they fear another person knows the password: that person's session must end too).
 */
export async function resetPassword(token: string, rawPassword: string): Promise<{ email: string }> {
  const password = passwordSchema.parse(rawPassword);
  const prisma = await db();
  const reset = await prisma.passwordReset.findUnique({ where: { tokenHash: hashLinkToken(token) }, include: { user: true } });
  if (!reset || reset.usedAt || reset.expiresAt.getTime() <= Date.now()) {
    throw new ApiError("invalid_token", "This reset link has expired or was already used. Ask for a new one.");
  }
  const passwordHash = await hashPassword(password);
  await prisma.$transaction([
    prisma.user.update({ where: { id: reset.userId }, data: { passwordHash, sessionsValidAfter: new Date() } }),
    prisma.passwordReset.updateMany({ where: { userId: reset.userId, usedAt: null }, data: { usedAt: new Date() } }),
  ]);
  return { email: reset.user.email };
}

export type InvitationPreview = { email: string; tenantName: string; role: string; hasAccount: boolean };

async function openInvitation(token: string) {
  const prisma = await db();
  const invitation = await prisma.invitation.findUnique({
    where: { tokenHash: hashLinkToken(token) },
    include: { tenant: { select: { name: true } } },
  });
  if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt.getTime() <= Date.now()) {
    return null;
  }
  return invitation;
}

/** What an invitation link is for, or null when it is unknown, used, revoked or expired. */
export async function previewInvitation(token: string): Promise<InvitationPreview | null> {
  const invitation = await openInvitation(token);
  if (!invitation) return null;
  const prisma = await db();
  const user = await prisma.user.findUnique({ where: { email: invitation.email }, select: { id: true } });
  return { email: invitation.email, tenantName: invitation.tenant.name, role: invitation.role, hasAccount: Boolean(user) };
}

export const acceptInvitationSchema = z.object({
  name: z.string().trim().max(100).optional(),
  password: passwordSchema,
});

/**
 * Accepts an invitation: a new person chooses a password; a person with an account confirms theirs.
 * Adds the membership with the invited role, once, and logs `member.joined`.
 */
export async function acceptInvitation(
  token: string,
  raw: z.input<typeof acceptInvitationSchema>,
  ip: string | null,
): Promise<{ email: string; tenantId: string }> {
  const input = acceptInvitationSchema.parse(raw);
  const invitation = await openInvitation(token);
  if (!invitation) throw new ApiError("invalid_token", "This invitation has expired, was revoked or was already used.");
  const prisma = await db();
  const existing = await prisma.user.findUnique({ where: { email: invitation.email } });
  if (existing && !(await verifyPassword(input.password, existing.passwordHash))) {
    throw new ApiError("unauthorized", "That is not the password of this account.", { fieldErrors: { password: "wrong password" } });
  }
  const passwordHash = existing ? null : await hashPassword(input.password);
  return prisma.$transaction(async (tx) => {
    const claimed = await tx.invitation.updateMany({ where: { id: invitation.id, acceptedAt: null }, data: { acceptedAt: new Date() } });
    if (claimed.count !== 1) throw new ApiError("invalid_token", "This invitation was already used.");
    const user =
      existing ??
      (await tx.user.create({
        data: { id: newId("usr"), email: invitation.email, name: input.name || null, passwordHash: passwordHash! },
      }));
    await tx.membership.upsert({
      where: { tenantId_userId: { tenantId: invitation.tenantId, userId: user.id } },
      create: { id: newId("mem"), tenantId: invitation.tenantId, userId: user.id, role: invitation.role },
      update: { role: invitation.role },
    });
    await recordAudit(
      { tenantId: invitation.tenantId, type: "user", id: user.id, label: user.email, ip },
      { action: "member.joined", targetType: "member", targetId: user.id, data: { email: user.email, role: invitation.role } },
      tx,
    );
    return { email: user.email, tenantId: invitation.tenantId };
  });
}

export const signUpSchema = z.object({
  name: z.string().trim().min(1, "your name").max(100),
  company: z.string().trim().min(1, "a name for your team or company").max(100),
  email: emailSchema,
  password: passwordSchema,
});

/**
 * Sign-up (CONTRACT §11, when OTPILOT_SIGNUP=open): a new person with a new tenant, owned by them,
 * with a first app. No secret keys are made here: the person creates them and sees them once.
 */
export async function signUp(raw: z.input<typeof signUpSchema>, ip: string | null): Promise<{ email: string; tenantId: string }> {
  if (!authEnv().signupOpen) throw new ApiError("forbidden", "Sign-up is closed on this server. Ask an admin for an invitation.");
  const input = signUpSchema.parse(raw);
  const prisma = await db();
  if (await prisma.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
    throw new ApiError("conflict", "That email already has an account. Sign in instead.", { fieldErrors: { email: "already has an account" } });
  }
  const passwordHash = await hashPassword(input.password);
  return prisma.$transaction(async (tx) => {
    const tenant = await tx.tenant.create({ data: { id: newId("ten"), name: input.company } });
    const app = await tx.app.create({ data: { id: newId("app"), tenantId: tenant.id, name: `${input.company} app` } });
    await createPublishableKey(tx, { tenantId: tenant.id, appId: app.id, mode: "live" });
    await createPublishableKey(tx, { tenantId: tenant.id, appId: app.id, mode: "test" });
    const user = await tx.user.create({ data: { id: newId("usr"), email: input.email, name: input.name, passwordHash } });
    await tx.membership.create({ data: { id: newId("mem"), tenantId: tenant.id, userId: user.id, role: "owner" } });
    const actor = { tenantId: tenant.id, type: "user" as const, id: user.id, label: user.email, ip };
    await recordAudit(actor, { action: "tenant.created", targetType: "tenant", targetId: tenant.id, data: { name: input.company } }, tx);
    return { email: user.email, tenantId: tenant.id };
  });
}
