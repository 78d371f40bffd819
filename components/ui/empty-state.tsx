import { type ReactNode } from "react";
import { cn } from "./cn";

/** What an empty list says: what belongs here and what to do next. */
export function EmptyState({ title, body, action, icon, className }: { title: string; body: ReactNode; action?: ReactNode; icon?: ReactNode; className?: string }) {
  return (
    <div className={cn("flex flex-col items-center rounded-xl border border-dashed border-slate-300 px-6 py-12 text-center dark:border-slate-700", className)}>
      {icon && <div className="mb-3 text-slate-400 dark:text-slate-500">{icon}</div>}
      <h2 className="text-sm font-semibold text-slate-900 dark:text-slate-100">{title}</h2>
      <p className="mt-1 max-w-sm text-sm text-slate-600 dark:text-slate-400">{body}</p>
      {action && <div className="mt-5">{action}</div>}
    </div>
  );
}
