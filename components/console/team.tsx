"use client";

import { UserPlus } from "lucide-react";
import { useRouter } from "next/navigation";
import { type FormEvent, useState, useTransition } from "react";
import { toast } from "sonner";
import { changeRoleAction, inviteMemberAction, removeMemberAction, revokeInvitationAction } from "@/app/(console)/console/_actions/team";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { ConfirmDialog, Dialog } from "@/components/ui/dialog";
import { Field, Input, NativeSelect } from "@/components/ui/field";
import { Panel } from "@/components/ui/panel";
import { Table, Td, Th } from "@/components/ui/table";
import type { Role } from "@/lib/auth/roles";
import type { FieldErrors } from "@/lib/console/context";

type Member = { membershipId: string; userId: string; email: string; name: string | null; role: Role; joinedAt: string };
type Invitation = { id: string; email: string; role: Role; expiresAt: string };

const ROLE_OPTIONS: Role[] = ["owner", "admin", "developer", "viewer"];
const day = (iso: string) => new Date(iso).toLocaleDateString("en-US", { dateStyle: "medium", timeZone: "UTC" });

type Props = { members: Member[]; invitations: Invitation[]; canManage: boolean; myRole: Role; myUserId: string; roleDescriptions: Record<Role, string> };

export function TeamView({ members, invitations, canManage, myRole, myUserId, roleDescriptions }: Props) {
  const router = useRouter();
  const [, start] = useTransition();
  const assignable = ROLE_OPTIONS.filter((r) => r !== "owner" || myRole === "owner");
  const run = (work: () => Promise<{ ok: boolean; error?: string }>, success: string) =>
    start(async () => {
      const result = await work();
      if (!result.ok) toast.error(result.error);
      else toast.success(success);
      router.refresh();
    });
  return (
    <div className="space-y-8">
      {canManage && (
        <div className="flex justify-end">
          <InviteButton roles={assignable} descriptions={roleDescriptions} />
        </div>
      )}
      <Table label="Members">
        <thead>
          <tr>
            <Th>Person</Th>
            <Th>Role</Th>
            <Th>Joined</Th>
            {canManage && <Th><span className="sr-only">Actions</span></Th>}
          </tr>
        </thead>
        <tbody>
          {members.map((m) => {
            const editable = canManage && (m.role !== "owner" || myRole === "owner");
            return (
              <tr key={m.membershipId}>
                <Td>
                  <p className="font-medium text-slate-950 dark:text-white">{m.name ?? m.email}{m.userId === myUserId && <span className="ml-1.5 text-xs font-normal text-slate-500 dark:text-slate-400">(you)</span>}</p>
                  {m.name && <p className="text-xs text-slate-500 dark:text-slate-400">{m.email}</p>}
                </Td>
                <Td>
                  {editable ? (
                    <>
                      <label htmlFor={`role-${m.membershipId}`} className="sr-only">Role of {m.email}</label>
                      <NativeSelect
                        id={`role-${m.membershipId}`}
                        value={m.role}
                        className="w-36"
                        onChange={(e) => run(() => changeRoleAction({ membershipId: m.membershipId, role: e.target.value }), `${m.email} is now ${e.target.value}`)}
                      >
                        {assignable.concat(m.role === "owner" && !assignable.includes("owner") ? ["owner"] : []).map((r) => (
                          <option key={r} value={r}>{r}</option>
                        ))}
                      </NativeSelect>
                    </>
                  ) : (
                    <Badge className="capitalize">{m.role}</Badge>
                  )}
                </Td>
                <Td className="whitespace-nowrap">{day(m.joinedAt)}</Td>
                {canManage && (
                  <Td className="text-right">
                    {editable && (
                      <ConfirmDialog
                        trigger={<Button variant="ghost" size="sm" className="text-red-700 dark:text-red-400">{m.userId === myUserId ? "Leave" : "Remove"}<span className="sr-only"> {m.email}</span></Button>}
                        title={m.userId === myUserId ? "Leave this tenant?" : `Remove ${m.email}?`}
                        description="They lose access at once. You can invite them again later."
                        confirmLabel={m.userId === myUserId ? "Leave" : "Remove"}
                        onConfirm={() => run(() => removeMemberAction(m.membershipId), `${m.email} removed`)}
                      />
                    )}
                  </Td>
                )}
              </tr>
            );
          })}
        </tbody>
      </Table>
      <Panel title="Open invitations" description="Links are valid for 7 days and work once.">
        {invitations.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">{canManage ? "No open invitations. Invite a teammate with the button above." : "No open invitations."}</p>
        ) : (
          <ul className="divide-y divide-slate-100 dark:divide-slate-800">
            {invitations.map((i) => (
              <li key={i.id} className="flex flex-wrap items-center gap-3 py-2.5 first:pt-0 last:pb-0">
                <span className="min-w-0 flex-1 truncate text-sm font-medium">{i.email}</span>
                <Badge className="capitalize">{i.role}</Badge>
                <span className="text-xs text-slate-500 dark:text-slate-400">until {day(i.expiresAt)}</span>
                {canManage && (
                  <ConfirmDialog
                    trigger={<Button variant="ghost" size="sm">Revoke<span className="sr-only"> invitation of {i.email}</span></Button>}
                    title={`Revoke the invitation of ${i.email}?`}
                    description="The link stops working."
                    confirmLabel="Revoke invitation"
                    onConfirm={() => run(() => revokeInvitationAction(i.id), "Invitation revoked")}
                  />
                )}
              </li>
            ))}
          </ul>
        )}
      </Panel>
      <Panel title="Roles">
        <dl className="grid gap-3 sm:grid-cols-2">
          {ROLE_OPTIONS.map((r) => (
            <div key={r}>
              <dt className="text-sm font-semibold capitalize">{r}</dt>
              <dd className="text-sm text-slate-600 dark:text-slate-400">{roleDescriptions[r]}</dd>
            </div>
          ))}
        </dl>
      </Panel>
    </div>
  );
}

function InviteButton({ roles, descriptions }: { roles: Role[]; descriptions: Record<Role, string> }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [link, setLink] = useState<string | null>(null);
  const [role, setRole] = useState<Role>("developer");
  const [pending, start] = useTransition();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get("email") ?? "");
    start(async () => {
      const result = await inviteMemberAction({ email, role });
      if (!result.ok) return setErrors(result.fieldErrors ?? { email: result.error });
      setErrors({});
      toast.success(`Invitation sent to ${result.data.email}`);
      router.refresh();
      if (result.data.link) setLink(result.data.link);
      else setOpen(false);
    });
  }
  return (
    <>
      <Button onClick={() => { setLink(null); setOpen(true); }}>
        <UserPlus aria-hidden="true" className="size-4" />
        Invite person
      </Button>
      <Dialog open={open} onOpenChange={setOpen} title={link ? "Invitation created" : "Invite a person"} description={link ? "No mail transport is configured on this server, so send them this link yourself." : "They get an email with a link to join."}>
        {link ? (
          <div className="space-y-4">
            <code data-testid="invite-link" className="block rounded-lg bg-slate-100 p-3 font-mono text-xs break-all dark:bg-slate-800">{link}</code>
            <div className="flex justify-between gap-2">
              <CopyButton value={link} label="Copy link" />
              <Button onClick={() => setOpen(false)}>Done</Button>
            </div>
          </div>
        ) : (
          <form onSubmit={submit} className="space-y-5" noValidate>
            <Field label="Email" error={errors.email}>{(c) => <Input {...c} name="email" type="email" autoFocus />}</Field>
            <Field label="Role" hint={descriptions[role]} error={errors.role}>
              {(c) => (
                <NativeSelect {...c} value={role} onChange={(e) => setRole(e.target.value as Role)}>
                  {roles.map((r) => <option key={r} value={r}>{r}</option>)}
                </NativeSelect>
              )}
            </Field>
            <div className="flex justify-end gap-2">
              <Button variant="secondary" onClick={() => setOpen(false)}>Cancel</Button>
              <Button type="submit" disabled={pending}>{pending ? "Inviting…" : "Send invitation"}</Button>
            </div>
          </form>
        )}
      </Dialog>
    </>
  );
}
