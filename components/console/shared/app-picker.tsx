import Link from "next/link";
import { cn } from "@/components/ui/cn";

/** Links to the same page for each app (a GET choice, so it works without JavaScript). */
export function AppPicker({ apps, current, href }: { apps: { id: string; name: string }[]; current: string; href: (appId: string) => string }) {
  if (apps.length < 2) return null;
  return (
    <nav aria-label="Apps" className="mb-5 flex gap-1 overflow-x-auto rounded-lg bg-slate-100 p-1 dark:bg-slate-800/60">
      {apps.map((app) => (
        <Link
          key={app.id}
          href={href(app.id)}
          aria-current={app.id === current ? "page" : undefined}
          className={cn(
            "shrink-0 rounded-md px-3 py-1.5 text-sm font-medium whitespace-nowrap",
            app.id === current
              ? "bg-white text-slate-950 shadow-xs dark:bg-slate-900 dark:text-white"
              : "text-slate-700 hover:text-slate-950 dark:text-slate-300 dark:hover:text-white",
          )}
        >
          {app.name}
        </Link>
      ))}
    </nav>
  );
}
