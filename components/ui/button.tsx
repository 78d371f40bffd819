import Link from "next/link";
import { type ComponentProps } from "react";
import { cx } from "./cx";

/** `light` and `outlineLight` are for dark backgrounds, where the focus ring turns white. */
type Variant = "primary" | "secondary" | "ghost" | "destructive" | "light" | "outlineLight";
type Size = "sm" | "md" | "lg";

const base =
  "inline-flex items-center justify-center gap-2 rounded-lg font-semibold transition-colors " +
  "focus-visible:outline-2 focus-visible:outline-offset-2 " +
  "disabled:pointer-events-none disabled:opacity-50";

const variants: Record<Variant, string> = {
  primary:
    "bg-brand-600 text-white shadow-sm shadow-brand-900/20 hover:bg-brand-700 focus-visible:outline-brand-600",
  secondary:
    "bg-white text-slate-900 ring-1 ring-slate-300 ring-inset shadow-xs hover:bg-slate-50 focus-visible:outline-brand-600 " +
    "dark:bg-slate-900 dark:text-slate-100 dark:ring-slate-700 dark:hover:bg-slate-800 dark:focus-visible:outline-brand-300",
  ghost:
    "text-slate-700 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-brand-600 " +
    "dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-white dark:focus-visible:outline-brand-300",
  destructive: "bg-red-600 text-white shadow-sm hover:bg-red-700 focus-visible:outline-red-600",
  light: "bg-white text-brand-800 shadow-sm hover:bg-brand-50 focus-visible:outline-white",
  outlineLight: "text-white ring-1 ring-white/40 ring-inset hover:bg-white/10 focus-visible:outline-white",
};

const sizes: Record<Size, string> = {
  sm: "h-8 px-2.5 text-sm",
  md: "h-9 px-3.5 text-sm",
  lg: "h-11 px-5 text-base",
};

/** The class list of a button, for elements that are not a `<Link>` or `<button>`. */
export function buttonClasses(variant: Variant = "primary", size: Size = "md", className?: string): string {
  return cx(base, variants[variant], sizes[size], className);
}

type ButtonLinkProps = ComponentProps<typeof Link> & { variant?: Variant; size?: Size };

/** A link styled as a button: navigation stays a real `<a>` for keyboards and screen readers. */
export function ButtonLink({ variant, size, className, ...props }: ButtonLinkProps) {
  return <Link className={buttonClasses(variant, size, className)} {...props} />;
}

type ButtonProps = ComponentProps<"button"> & { variant?: Variant; size?: Size };

export function Button({ variant, size, className, type = "button", ...props }: ButtonProps) {
  return <button type={type} className={buttonClasses(variant, size, className)} {...props} />;
}
