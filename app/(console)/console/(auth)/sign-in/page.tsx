import type { Metadata } from "next";
import Link from "next/link";
import { authEnv } from "@/lib/auth/auth-env";
import { oauthProviders } from "@/lib/auth/auth-options";
import { SignInForm } from "@/components/console/auth-forms";

export const metadata: Metadata = { title: "Sign in" };

const errors: Record<string, string> = {
  NoAccount: "No account uses that email yet. Ask an admin for an invitation.",
  OAuthSignin: "Sign-in with that provider failed. Try again.",
  OAuthCallback: "Sign-in with that provider failed. Try again.",
  AccessDenied: "Access denied.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const error = params.error && params.error !== "CredentialsSignin" ? (errors[params.error] ?? "Sign-in failed. Try again.") : null;
  return (
    <>
      <h1 className="text-xl font-bold tracking-tight text-slate-950 dark:text-white">Sign in to the console</h1>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Manage your apps, keys and team.</p>
      <SignInForm providers={oauthProviders()} initialError={error} />
      <div className="mt-6 flex flex-wrap justify-between gap-2 text-sm">
        <Link href="/console/forgot-password" className="font-medium text-brand-700 hover:underline dark:text-brand-300">
          Forgot your password?
        </Link>
        {authEnv().signupOpen && (
          <Link href="/console/sign-up" className="font-medium text-brand-700 hover:underline dark:text-brand-300">
            Create an account
          </Link>
        )}
      </div>
    </>
  );
}
