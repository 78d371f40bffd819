"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cx } from "@/components/ui/cx";

export const consoleSections = [
  { href: "/console", label: "Overview" },
  { href: "/console/apps", label: "Apps" },
  { href: "/console/api-keys", label: "API keys" },
  { href: "/console/templates", label: "Templates" },
  { href: "/console/logs", label: "Logs" },
  { href: "/console/reports", label: "Reports" },
  { href: "/console/webhooks", label: "Webhooks" },
  { href: "/console/outbox", label: "Test outbox" },
];

/**
 * The console's section links. A client component only to mark the current page
 * (`aria-current`), which needs the pathname.
 */
export function ConsoleNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Console">
      <ul className="flex gap-1 overflow-x-auto pb-1 lg:flex-col lg:overflow-visible lg:pb-0">
        {consoleSections.map((section) => {
          const current = pathname === section.href;
          return (
            <li key={section.href} className="shrink-0">
              <Link
                href={section.href}
                aria-current={current ? "page" : undefined}
                className={cx(
                  "block rounded-md px-3 py-2 text-sm font-medium whitespace-nowrap",
                  current
                    ? "bg-brand-50 text-brand-800 ring-1 ring-brand-100"
                    : "text-slate-700 hover:bg-slate-100 hover:text-slate-950",
                )}
              >
                {section.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
