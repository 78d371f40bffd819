import type { Metadata } from "next";
import Link from "next/link";
import { type ReactNode } from "react";
import { ConsoleNav } from "@/components/console/console-nav";
import { Logo } from "@/components/logo";

export const metadata: Metadata = {
  title: { default: "Console", template: "%s · Console · OTPilot" },
  robots: { index: false },
};

export default function ConsoleLayout({ children }: { children: ReactNode }) {
  return (
    <div className="min-h-dvh bg-slate-50 lg:flex">
      <aside className="border-b border-slate-200 bg-white lg:sticky lg:top-0 lg:flex lg:h-dvh lg:w-64 lg:shrink-0 lg:flex-col lg:border-r lg:border-b-0">
        <div className="flex h-16 items-center justify-between gap-3 px-4 lg:px-5">
          <Logo href="/console" label="Console overview" />
          <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-600">
            Console
          </span>
        </div>
        <div className="px-3 pb-3 lg:flex-1 lg:pt-2">
          <ConsoleNav />
        </div>
        <div className="hidden border-t border-slate-200 px-5 py-4 text-sm lg:block">
          <Link href="/docs" className="text-slate-600 hover:text-slate-950">
            Documentation
          </Link>
        </div>
      </aside>
      <main
        id="main"
        tabIndex={-1}
        className="min-w-0 flex-1 px-4 py-8 focus:outline-none sm:px-6 lg:px-10 lg:py-10"
      >
        {children}
      </main>
    </div>
  );
}
