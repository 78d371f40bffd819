import Link from "next/link";
import { Logo } from "./logo";
import { ButtonLink } from "./ui/button";

const navigation = [
  { href: "/docs", label: "Docs" },
  { href: "/docs/api", label: "API reference", wideOnly: true },
];

/** The public site's top bar. Few enough links that it needs no menu button on phones. */
export function SiteHeader() {
  return (
    <header className="sticky top-0 z-40 border-b border-slate-200/80 bg-white/85 backdrop-blur-md">
      <div className="mx-auto flex h-16 max-w-6xl items-center justify-between gap-4 px-4 sm:px-6 lg:px-8">
        <Logo />
        <nav aria-label="Main" className="flex items-center gap-1 sm:gap-2">
          {navigation.map((item) => (
            <Link
              key={item.href}
              href={item.href}
              className={
                "rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 hover:text-slate-900 " +
                (item.wideOnly ? "hidden sm:inline-flex" : "inline-flex")
              }
            >
              {item.label}
            </Link>
          ))}
          <ButtonLink href="/console" variant="primary" className="ml-1">
            Console
          </ButtonLink>
        </nav>
      </div>
    </header>
  );
}
