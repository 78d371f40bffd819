import { type ComponentProps, type ReactNode } from "react";
import { cn } from "./cn";

/** The console's card: a bordered surface with an optional titled header. */
export function Panel({ title, description, actions, className, children, ...props }: Omit<ComponentProps<"section">, "title"> & { title?: ReactNode; description?: ReactNode; actions?: ReactNode }) {
  return (
    <section
      aria-label={typeof title === "string" ? title : undefined}
      className={cn("rounded-xl border border-slate-200 bg-white shadow-xs dark:border-slate-800 dark:bg-slate-900", className)}
      {...props}
    >
      {(title || actions) && (
        <header className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-200 px-5 py-4 dark:border-slate-800">
          <div>
            {title && <h2 className="text-base font-semibold text-slate-950 dark:text-white">{title}</h2>}
            {description && <p className="mt-0.5 text-sm text-slate-600 dark:text-slate-400">{description}</p>}
          </div>
          {actions}
        </header>
      )}
      <div className="p-5">{children}</div>
    </section>
  );
}

/** A page's title row: heading, one line of what it is for, and its main action. */
export function PageHeader({ title, description, actions }: { title: string; description?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
      <div className="min-w-0">
        <h1 className="text-2xl font-bold tracking-tight text-slate-950 dark:text-white">{title}</h1>
        {description && <p className="mt-1 max-w-2xl text-sm text-slate-600 dark:text-slate-400">{description}</p>}
      </div>
      {actions && <div className="flex shrink-0 flex-wrap gap-2">{actions}</div>}
    </div>
  );
}
