import Link from "next/link";

export const docsSections = [
  {
    title: "Guide",
    links: [
      { href: "/docs#quick-start", label: "Quick start" },
      { href: "/docs#authentication", label: "Authentication" },
      { href: "/docs#errors", label: "Errors" },
      { href: "/docs#test-mode", label: "Test mode and outbox" },
      { href: "/docs#delivery", label: "Delivery and providers" },
    ],
  },
  {
    title: "Reference",
    links: [
      { href: "/docs/widget", label: "Verification widget" },
      { href: "/docs/api", label: "API reference" },
      { href: "/docs/compat", label: "Compatibility routes" },
    ],
  },
  {
    title: "Operate",
    links: [{ href: "/docs/self-hosting", label: "Self-hosting" }],
  },
];

/** The documentation's table of contents: a sidebar on wide screens, a short list above the text on phones. */
export function DocsNav() {
  return (
    <nav aria-label="Documentation" className="text-sm">
      {docsSections.map((section) => (
        <div key={section.title} className="mb-6">
          <p className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{section.title}</p>
          <ul className="mt-2 space-y-1 border-l border-slate-200">
            {section.links.map((link) => (
              <li key={link.href}>
                <Link
                  href={link.href}
                  className="-ml-px block border-l border-transparent py-1 pl-4 text-slate-700 hover:border-slate-400 hover:text-slate-950"
                >
                  {link.label}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}
