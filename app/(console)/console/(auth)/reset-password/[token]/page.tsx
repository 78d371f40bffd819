import type { Metadata } from "next";
import { ResetPasswordForm } from "@/components/console/auth-forms";

export const metadata: Metadata = { title: "Choose a new password" };

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return (
    <>
      <h1 className="text-xl font-bold tracking-tight text-slate-950 dark:text-white">Choose a new password</h1>
      <ResetPasswordForm token={token} />
    </>
  );
}
