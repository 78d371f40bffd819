import type { Metadata } from "next";
import Link from "next/link";
import { ForgotPasswordForm } from "@/components/console/auth-forms";

export const metadata: Metadata = { title: "Reset your password" };

export default function ForgotPasswordPage() {
  return (
    <>
      <h1 className="text-xl font-bold tracking-tight text-slate-950 dark:text-white">Reset your password</h1>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">We will email you a link to choose a new one.</p>
      <ForgotPasswordForm />
      <Link href="/console/sign-in" className="mt-6 inline-block text-sm font-medium text-brand-700 hover:underline dark:text-brand-300">
        Back to sign-in
      </Link>
    </>
  );
}
