import type { Metadata } from "next";
import Link from "next/link";
import { AcceptInvitationForm } from "@/components/console/auth-forms";
import { previewInvitation } from "@/lib/auth/accounts";

export const metadata: Metadata = { title: "Join your team" };

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = await previewInvitation(token);
  if (!invitation) {
    return (
      <>
        <h1 className="text-xl font-bold tracking-tight text-slate-950 dark:text-white">This invitation cannot be used</h1>
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
          It has expired, was revoked or was already accepted. Ask the person who invited you for a new one.
        </p>
        <Link href="/console/sign-in" className="mt-6 inline-block text-sm font-medium text-brand-700 hover:underline dark:text-brand-300">
          Go to sign-in
        </Link>
      </>
    );
  }
  return (
    <>
      <h1 className="text-xl font-bold tracking-tight text-slate-950 dark:text-white">Join {invitation.tenantName}</h1>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
        You were invited as <strong className="text-slate-900 dark:text-slate-100">{invitation.role}</strong>.
      </p>
      <AcceptInvitationForm token={token} email={invitation.email} hasAccount={invitation.hasAccount} />
    </>
  );
}
