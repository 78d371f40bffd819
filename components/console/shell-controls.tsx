"use client";

import { ChevronsUpDown, LogOut } from "lucide-react";
import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { toast } from "sonner";
import { setModeAction, switchTenantAction } from "@/app/(console)/console/_actions/session";
import { cn } from "@/components/ui/cn";
import { inputClasses } from "@/components/ui/field";
import { Badge } from "@/components/ui/badge";

type Membership = { tenantId: string; tenantName: string; role: string };

/** The tenant switcher: a labelled native select (keyboard and screen-reader friendly everywhere). */
export function TenantSwitcher({ current, memberships }: { current: string; memberships: Membership[] }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <div className="relative min-w-0 flex-1 lg:flex-none">
      <label htmlFor="tenant-switcher" className="sr-only">
        Tenant
      </label>
      <select
        id="tenant-switcher"
        value={current}
        disabled={pending || memberships.length < 2}
        onChange={(event) =>
          start(async () => {
            const result = await switchTenantAction(event.target.value);
            if (!result.ok) toast.error(result.error);
            router.refresh();
          })
        }
        className={cn(inputClasses, "h-9 appearance-none pr-8 font-medium disabled:cursor-default disabled:bg-white disabled:text-slate-900 dark:disabled:bg-slate-900 dark:disabled:text-slate-100")}
      >
        {memberships.map((m) => (
          <option key={m.tenantId} value={m.tenantId}>
            {m.tenantName}
          </option>
        ))}
      </select>
      <ChevronsUpDown aria-hidden="true" className="pointer-events-none absolute top-2.5 right-2.5 size-4 text-slate-500" />
    </div>
  );
}

/** Live/test data toggle, as in Stripe: a two-option radio group. */
export function ModeToggle({ mode }: { mode: "live" | "test" }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const choose = (next: "live" | "test") =>
    start(async () => {
      const result = await setModeAction(next);
      if (!result.ok) toast.error(result.error);
      router.refresh();
    });
  return (
    <div role="radiogroup" aria-label="Data mode" className="flex h-9 shrink-0 rounded-lg bg-slate-100 p-1 text-sm dark:bg-slate-800">
      {(["test", "live"] as const).map((option) => (
        <button
          key={option}
          type="button"
          role="radio"
          aria-checked={mode === option}
          disabled={pending}
          onClick={() => mode !== option && choose(option)}
          className={cn(
            "flex-1 rounded-md px-3 font-medium whitespace-nowrap",
            mode === option
              ? option === "test"
                ? "bg-amber-400 text-amber-950 shadow-xs"
                : "bg-white text-slate-950 shadow-xs dark:bg-slate-950 dark:text-white"
              : "text-slate-700 hover:text-slate-950 dark:text-slate-300 dark:hover:text-white",
          )}
        >
          {option === "test" ? "Test" : "Live"}
          <span className="hidden lg:inline"> data</span>
        </button>
      ))}
    </div>
  );
}

export function AccountMenu({ email, name, role, compact = false }: { email: string; name: string | null; role: string; compact?: boolean }) {
  const out = () => void signOut({ callbackUrl: "/console/sign-in" });
  if (compact) {
    return (
      <button type="button" onClick={out} className="flex items-center gap-1.5 rounded-md px-2 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800">
        <LogOut aria-hidden="true" className="size-4" />
        Sign out
      </button>
    );
  }
  return (
    <div className="flex items-center gap-3 rounded-lg px-2 py-1.5">
      <span aria-hidden="true" className="flex size-8 shrink-0 items-center justify-center rounded-full bg-brand-600 text-sm font-semibold text-white uppercase">
        {(name ?? email).slice(0, 1)}
      </span>
      <div className="min-w-0 flex-1">
        <p className="truncate text-sm font-medium text-slate-900 dark:text-slate-100">{name ?? email}</p>
        <Badge className="mt-0.5 capitalize">{role}</Badge>
      </div>
      <button
        type="button"
        onClick={out}
        className="rounded-md p-2 text-slate-600 hover:bg-slate-100 hover:text-slate-950 dark:text-slate-400 dark:hover:bg-slate-800 dark:hover:text-white"
      >
        <LogOut aria-hidden="true" className="size-4" />
        <span className="sr-only">Sign out</span>
      </button>
    </div>
  );
}
