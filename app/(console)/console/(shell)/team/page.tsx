import type { Metadata } from "next";
import { TeamView } from "@/components/console/team";
import { PageHeader } from "@/components/ui/panel";
import { listTeam } from "@/lib/auth/members";
import { ROLE_DESCRIPTIONS } from "@/lib/auth/roles";
import { requireConsolePage } from "@/lib/console/context";

export const metadata: Metadata = { title: "Team" };

export default async function TeamPage() {
  const ctx = await requireConsolePage();
  const team = await listTeam(ctx.tenant.id);
  return (
    <>
      <PageHeader title="Team" description={`People with access to ${ctx.tenant.name}, and the invitations still open.`} />
      <TeamView
        members={team.members.map((m) => ({ ...m, joinedAt: m.joinedAt.toISOString() }))}
        invitations={team.invitations.map((i) => ({ ...i, expiresAt: i.expiresAt.toISOString(), createdAt: i.createdAt.toISOString() }))}
        canManage={ctx.can("members:manage")}
        myRole={ctx.role}
        myUserId={ctx.user.id}
        roleDescriptions={ROLE_DESCRIPTIONS}
      />
    </>
  );
}
