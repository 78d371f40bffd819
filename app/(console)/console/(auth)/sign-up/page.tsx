import type { Metadata } from "next";
import Link from "next/link";
import { SignUpForm } from "@/components/console/auth-forms";
import { authEnv } from "@/lib/auth/auth-env";

export const metadata: Metadata = { title: "Create an account" };

export default function SignUpPage() {
  if (!authEnv().signupOpen) {
    return (
      <>
        <h1 className="text-xl font-bold tracking-tight text-slate-950 dark:text-white">Sign-up is closed</h1>
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
          This server does not take new accounts. Ask an admin of your team for an invitation.
        </p>
        <Link href="/console/sign-in" className="mt-6 inline-block text-sm font-medium text-brand-700 hover:underline dark:text-brand-300">
          Back to sign-in
        </Link>
      </>
    );
  }
  return (
    <>
      <h1 className="text-xl font-bold tracking-tight text-slate-950 dark:text-white">Create your account</h1>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">A new tenant with a first app, owned by you.</p>
      <SignUpForm />
      <p className="mt-6 text-sm text-slate-600 dark:text-slate-400">
        Have an account?{" "}
        <Link href="/console/sign-in" className="font-medium text-brand-700 hover:underline dark:text-brand-300">
          Sign in
        </Link>
      </p>
    </>
  );
}
