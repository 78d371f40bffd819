import Link from "next/link";
import { LogoMark } from "@/components/logo";
import { ButtonLink } from "@/components/ui/button";

export default function NotFound() {
  return (
    <main id="main" className="flex min-h-dvh flex-col items-center justify-center px-6 text-center">
      <Link href="/" aria-label="OTPilot home" className="rounded-lg">
        <LogoMark className="size-10" />
      </Link>
      <p className="mt-8 text-sm font-semibold text-brand-700">404</p>
      <h1 className="mt-2 text-3xl font-bold tracking-tight text-slate-950">This page does not exist</h1>
      <p className="mt-3 max-w-md text-slate-600">The link may be old, or the address mistyped.</p>
      <div className="mt-8 flex flex-wrap justify-center gap-3">
        <ButtonLink href="/">Go home</ButtonLink>
        <ButtonLink href="/docs" variant="secondary">
          Read the docs
        </ButtonLink>
      </div>
    </main>
  );
}
