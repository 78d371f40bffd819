"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { type FormEvent, useState, useTransition } from "react";
import {
  acceptInvitationAction,
  requestResetAction,
  resetPasswordAction,
  signUpAction,
} from "@/app/(console)/console/_actions/public";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import type { FieldErrors } from "@/lib/console/context";

function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200">
      {message}
    </p>
  );
}

/** Signs in through next-auth's credentials endpoint (which checks its own CSRF token). */
async function passwordSignIn(email: string, password: string): Promise<string | null> {
  const result = await signIn("credentials", { email, password, redirect: false });
  if (!result || result.error) {
    return result?.error && result.error !== "CredentialsSignin" ? result.error : "Wrong email or password.";
  }
  return null;
}

export function SignInForm({ providers, initialError }: { providers: { id: string; name: string }[]; initialError: string | null }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(initialError);
  const [pending, start] = useTransition();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    start(async () => {
      const failure = await passwordSignIn(String(form.get("email")), String(form.get("password")));
      if (failure) return setError(failure);
      router.replace("/console");
      router.refresh();
    });
  }
  return (
    <div className="mt-6 space-y-5">
      {providers.length > 0 && (
        <div className="space-y-2">
          {providers.map((p) => (
            <Button key={p.id} variant="secondary" className="w-full" onClick={() => void signIn(p.id, { callbackUrl: "/console" })}>
              Continue with {p.name}
            </Button>
          ))}
          <p className="pt-2 text-center text-xs text-slate-500 dark:text-slate-400">or with your email</p>
        </div>
      )}
      <form onSubmit={submit} className="space-y-4" noValidate>
        <FormError message={error} />
        <Field label="Email">{(c) => <Input {...c} name="email" type="email" autoComplete="email" required />}</Field>
        <Field label="Password">{(c) => <Input {...c} name="password" type="password" autoComplete="current-password" required />}</Field>
        <Button type="submit" className="w-full" disabled={pending}>
          {pending ? "Signing in…" : "Sign in"}
        </Button>
      </form>
    </div>
  );
}

export function SignUpForm() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<FieldErrors>({});
  const [pending, start] = useTransition();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = Object.fromEntries(new FormData(event.currentTarget)) as Record<string, string>;
    start(async () => {
      const result = await signUpAction(input);
      if (!result.ok) {
        setError(result.error);
        return setFields(result.fieldErrors ?? {});
      }
      const failure = await passwordSignIn(input.email!, input.password!);
      if (failure) return setError(failure);
      router.replace("/console");
      router.refresh();
    });
  }
  return (
    <form onSubmit={submit} className="mt-6 space-y-4" noValidate>
      <FormError message={error} />
      <Field label="Your name" error={fields.name}>{(c) => <Input {...c} name="name" autoComplete="name" required />}</Field>
      <Field label="Team or company" error={fields.company}>{(c) => <Input {...c} name="company" autoComplete="organization" required />}</Field>
      <Field label="Email" error={fields.email}>{(c) => <Input {...c} name="email" type="email" autoComplete="email" required />}</Field>
      <Field label="Password" hint="At least 10 characters." error={fields.password}>
        {(c) => <Input {...c} name="password" type="password" autoComplete="new-password" required />}
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Creating…" : "Create account"}
      </Button>
    </form>
  );
}

export function ForgotPasswordForm() {
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  if (sent) {
    return (
      <p role="status" className="mt-6 rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200">
        If that email has an account, a reset link is on its way. It works for one hour.
      </p>
    );
  }
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get("email"));
    start(async () => {
      const result = await requestResetAction(email);
      if (!result.ok) return setError(result.fieldErrors ? "Enter an email address such as dana@example.com." : result.error);
      setSent(true);
    });
  }
  return (
    <form onSubmit={submit} className="mt-6 space-y-4" noValidate>
      <FormError message={error} />
      <Field label="Email">{(c) => <Input {...c} name="email" type="email" autoComplete="email" required />}</Field>
      <Button type="submit" className="w-full" disabled={pending}>
        Send reset link
      </Button>
    </form>
  );
}

export function ResetPasswordForm({ token }: { token: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const password = String(new FormData(event.currentTarget).get("password"));
    start(async () => {
      const result = await resetPasswordAction(token, password);
      if (!result.ok) return setError(result.fieldErrors?.["_"] ?? (result.fieldErrors ? "Use at least 10 characters." : result.error));
      const failure = await passwordSignIn(result.data.email, password);
      if (failure) return setError(failure);
      router.replace("/console");
      router.refresh();
    });
  }
  return (
    <form onSubmit={submit} className="mt-6 space-y-4" noValidate>
      <FormError message={error} />
      <Field label="New password" hint="At least 10 characters.">
        {(c) => <Input {...c} name="password" type="password" autoComplete="new-password" required />}
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        Set password and sign in
      </Button>
    </form>
  );
}

export function AcceptInvitationForm({ token, email, hasAccount }: { token: string; email: string; hasAccount: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<FieldErrors>({});
  const [pending, start] = useTransition();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = Object.fromEntries(new FormData(event.currentTarget)) as Record<string, string>;
    start(async () => {
      const result = await acceptInvitationAction(token, input);
      if (!result.ok) {
        setError(result.error);
        return setFields(result.fieldErrors ?? {});
      }
      const failure = await passwordSignIn(email, input.password!);
      if (failure) return setError(failure);
      router.replace("/console");
      router.refresh();
    });
  }
  return (
    <form onSubmit={submit} className="mt-6 space-y-4" noValidate>
      <FormError message={error} />
      <Field label="Email">{(c) => <Input {...c} value={email} readOnly />}</Field>
      {!hasAccount && <Field label="Your name" error={fields.name}>{(c) => <Input {...c} name="name" autoComplete="name" />}</Field>}
      <Field label="Password" hint={hasAccount ? "The password of your existing account." : "Choose one: at least 10 characters."} error={fields.password}>
        {(c) => <Input {...c} name="password" type="password" autoComplete={hasAccount ? "current-password" : "new-password"} required />}
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        Accept and sign in
      </Button>
    </form>
  );
}
