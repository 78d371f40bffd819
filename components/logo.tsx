import Link from "next/link";
import { cx } from "./ui/cx";

/** The OTPilot mark: a message bubble holding a check, i.e. "a code that was verified". */
export function LogoMark({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true" className={cx("size-7", className)}>
      <rect width="32" height="32" rx="8" className="fill-brand-600" />
      <path
        d="M9 10.5A2.5 2.5 0 0 1 11.5 8h9A2.5 2.5 0 0 1 23 10.5v7a2.5 2.5 0 0 1-2.5 2.5H15l-4.2 3.4A.5.5 0 0 1 10 23v-3.2A2.5 2.5 0 0 1 9 17.5z"
        className="fill-white/95"
      />
      <path
        d="m12.6 14.1 2.2 2.2 4.6-4.6"
        fill="none"
        strokeWidth="2.2"
        strokeLinecap="round"
        strokeLinejoin="round"
        className="stroke-brand-600"
      />
    </svg>
  );
}

type LogoProps = { href?: string; label?: string; className?: string };

export function Logo({ href = "/", label = "OTPilot home", className }: LogoProps) {
  return (
    <Link
      href={href}
      className={cx("inline-flex items-center gap-2 rounded-md text-slate-900", className)}
      aria-label={label}
    >
      <LogoMark />
      <span className="text-lg font-bold tracking-tight">OTPilot</span>
    </Link>
  );
}
