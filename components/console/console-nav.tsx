"use client";

import {
  Activity,
  AppWindow,
  BarChart3,
  Inbox,
  KeyRound,
  LayoutDashboard,
  type LucideIcon,
  MessageSquareText,
  PanelsTopLeft,
  ScrollText,
  Users,
  Webhook,
} from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

type Section = { href: string; label: string; icon: LucideIcon };

/** The console's pages, grouped. Part-2 pages (templates to outbox) have their places already. */
export const consoleGroups: { label: string; sections: Section[] }[] = [
  {
    label: "Build",
    sections: [
      { href: "/console", label: "Overview", icon: LayoutDashboard },
      { href: "/console/apps", label: "Apps", icon: AppWindow },
      { href: "/console/api-keys", label: "API keys", icon: KeyRound },
      { href: "/console/templates", label: "Templates", icon: MessageSquareText },
      { href: "/console/widget", label: "Widget", icon: PanelsTopLeft },
      { href: "/console/webhooks", label: "Webhooks", icon: Webhook },
    ],
  },
  {
    label: "Monitor",
    sections: [
      { href: "/console/logs", label: "Verifications", icon: Activity },
      { href: "/console/reports", label: "Reports", icon: BarChart3 },
      { href: "/console/outbox", label: "Test outbox", icon: Inbox },
    ],
  },
  {
    label: "Tenant",
    sections: [
      { href: "/console/team", label: "Team", icon: Users },
      { href: "/console/audit-log", label: "Audit log", icon: ScrollText },
    ],
  },
];

export const consoleSections = consoleGroups.flatMap((g) => g.sections);

function isCurrent(pathname: string, href: string): boolean {
  return href === "/console" ? pathname === href : pathname === href || pathname.startsWith(`${href}/`);
}

/** Section links; a client component only to mark the current page (`aria-current`). */
export function ConsoleNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Console">
      <div className="flex gap-1 overflow-x-auto pb-1 lg:flex-col lg:gap-5 lg:overflow-visible lg:pb-0">
        {consoleGroups.map((group) => (
          <div key={group.label} className="contents lg:block">
            <p className="hidden px-3 pb-1.5 text-xs font-semibold tracking-wide text-slate-500 uppercase lg:block dark:text-slate-400">
              {group.label}
            </p>
            <ul className="contents lg:block lg:space-y-0.5">
              {group.sections.map((section) => {
                const current = isCurrent(pathname, section.href);
                const Icon = section.icon;
                return (
                  <li key={section.href} className="shrink-0">
                    <Link
                      href={section.href}
                      aria-current={current ? "page" : undefined}
                      className={cn(
                        "flex items-center gap-2.5 rounded-md px-3 py-2 text-sm font-medium whitespace-nowrap",
                        current
                          ? "bg-brand-50 text-brand-800 ring-1 ring-brand-100 dark:bg-brand-950 dark:text-brand-100 dark:ring-brand-900"
                          : "text-slate-700 hover:bg-slate-100 hover:text-slate-950 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-white",
                      )}
                    >
                      <Icon aria-hidden="true" className="size-4 shrink-0 opacity-80" />
                      {section.label}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </div>
        ))}
      </div>
    </nav>
  );
}

