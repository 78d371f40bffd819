"use server";

import { revalidatePath } from "next/cache";
import { changeMemberRole, inviteMember, removeMember, revokeInvitation, type MemberManager } from "@/lib/auth/members";
import { runConsoleAction, type ActionResult, type ConsoleContext } from "@/lib/console/context";

function manager(ctx: ConsoleContext): MemberManager {
  return { tenantId: ctx.tenant.id, role: ctx.role, userId: ctx.user.id, actor: ctx.actor };
}

export async function inviteMemberAction(input: unknown): Promise<ActionResult<{ email: string; link: string | null }>> {
  return runConsoleAction("members:manage", async (ctx) => {
    const invited = await inviteMember(manager(ctx), input as never);
    revalidatePath("/console/team");
    return { email: invited.email, link: invited.link };
  });
}

export async function changeRoleAction(input: unknown): Promise<ActionResult<null>> {
  return runConsoleAction("members:manage", async (ctx) => {
    await changeMemberRole(manager(ctx), input as never);
    revalidatePath("/console/team");
    return null;
  });
}

export async function removeMemberAction(membershipId: string): Promise<ActionResult<null>> {
  return runConsoleAction("members:manage", async (ctx) => {
    await removeMember(manager(ctx), String(membershipId));
    revalidatePath("/console/team");
    return null;
  });
}

export async function revokeInvitationAction(invitationId: string): Promise<ActionResult<null>> {
  return runConsoleAction("members:manage", async (ctx) => {
    await revokeInvitation(manager(ctx), String(invitationId));
    revalidatePath("/console/team");
    return null;
  });
}
