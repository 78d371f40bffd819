import { type ReactNode } from "react";
import { ConsoleNav } from "@/components/console/console-nav";
import { AccountMenu, ModeToggle, TenantSwitcher } from "@/components/console/shell-controls";
import { Logo } from "@/components/logo";
import { requireConsolePage } from "@/lib/console/context";

/** The signed-in console: sidebar (top bar on phones), tenant switcher, live/test toggle, account. */
export default async function ConsoleShellLayout({ children }: { children: ReactNode }) {
  const ctx = await requireConsolePage();
  return (
    <div className="lg:flex">
      <aside className="border-b border-slate-200 bg-white lg:sticky lg:top-0 lg:flex lg:h-dvh lg:w-64 lg:shrink-0 lg:flex-col lg:border-r lg:border-b-0 dark:border-slate-800 dark:bg-slate-900">
        <div className="flex h-14 items-center justify-between gap-3 px-4 lg:h-16 lg:px-5">
          <Logo href="/console" label="Console overview" className="dark:text-white" />
          <div className="lg:hidden">
            <AccountMenu email={ctx.user.email} name={ctx.user.name} role={ctx.role} compact />
          </div>
        </div>
        <div className="flex flex-wrap items-center gap-2 px-4 pb-3 lg:flex-col lg:items-stretch lg:px-3">
          <TenantSwitcher current={ctx.tenant.id} memberships={ctx.memberships} />
          <ModeToggle mode={ctx.principal.mode} />
        </div>
        <div className="px-3 pb-2 lg:flex-1 lg:overflow-y-auto lg:pt-1">
          <ConsoleNav />
        </div>
        <div className="hidden border-t border-slate-200 p-3 lg:block dark:border-slate-800">
          <AccountMenu email={ctx.user.email} name={ctx.user.name} role={ctx.role} />
        </div>
      </aside>
      <main id="main" tabIndex={-1} className="min-w-0 flex-1 px-4 py-6 focus:outline-none sm:px-6 lg:px-10 lg:py-10">
        {ctx.principal.mode === "test" && (
          <p className="mb-6 rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200">
            You are viewing <strong>test data</strong>. Test keys send to the outbox, never to real phones.
          </p>
        )}
        <div className="mx-auto max-w-6xl">{children}</div>
      </main>
    </div>
  );
}
