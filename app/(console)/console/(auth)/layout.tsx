import { type ReactNode } from "react";
import { Logo } from "@/components/logo";

/** The signed-out pages: one centred card. */
export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main id="main" tabIndex={-1} className="flex min-h-dvh flex-col items-center justify-center px-4 py-10 focus:outline-none">
      <Logo href="/" className="mb-8 dark:text-white" />
      <div className="w-full max-w-sm rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8 dark:border-slate-800 dark:bg-slate-900">
        {children}
      </div>
    </main>
  );
}
