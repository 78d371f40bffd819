import { cn } from "./cn";

/** A grey placeholder block while a page loads (hidden from screen readers; the page says "Loading"). */
export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden="true" className={cn("animate-pulse rounded-md bg-slate-200 dark:bg-slate-800", className)} />;
}
