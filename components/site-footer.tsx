import Link from "next/link";
import { LogoMark } from "./logo";

const columns = [
  {
    title: "Product",
    links: [
      { href: "/console", label: "Console" },
      { href: "/docs#test-mode", label: "Test mode and outbox" },
    ],
  },
  {
    title: "Developers",
    links: [
      { href: "/docs", label: "Quick start" },
      { href: "/docs#authentication", label: "Authentication" },
      { href: "/docs#errors", label: "Errors" },
      { href: "/docs/api", label: "API reference" },
    ],
  },
];

export function SiteFooter() {
  return (
    <footer className="border-t border-slate-200 bg-slate-50">
      <div className="mx-auto grid max-w-6xl grid-cols-2 gap-10 px-4 py-12 sm:px-6 md:grid-cols-[2fr_1fr_1fr] lg:px-8">
        <div className="col-span-2 max-w-sm md:col-span-1">
          <p className="flex items-center gap-2 font-bold text-slate-900">
            <LogoMark className="size-6" />
            OTPilot
          </p>
          <p className="mt-3 text-sm leading-6 text-slate-600">
            Open-source phone verification you can run yourself. Apache-2.0 licensed.
          </p>
        </div>
        {columns.map((column) => (
          <nav key={column.title} aria-label={column.title}>
            <h2 className="text-sm font-semibold text-slate-900">{column.title}</h2>
            <ul className="mt-3 space-y-2 text-sm">
              {column.links.map((link) => (
                <li key={link.href}>
                  <Link href={link.href} className="text-slate-600 hover:text-brand-700">
                    {link.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        ))}
      </div>
    </footer>
  );
}
