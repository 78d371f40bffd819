import type { Metadata } from "next";
import Link from "next/link";
import { ArrowRightIcon } from "@/components/icons";

export const metadata: Metadata = { title: "Overview" };

const areas = [
  {
    href: "/console/apps",
    title: "Apps",
    body: "Code rules, channels, providers, limits and widget origins.",
  },
  {
    href: "/console/api-keys",
    title: "API keys",
    body: "Create, restrict, roll and revoke live and test keys.",
  },
  { href: "/console/templates", title: "Templates", body: "Message text per channel and language." },
  {
    href: "/console/logs",
    title: "Logs",
    body: "Every verification, message and attempt, with its real status.",
  },
  { href: "/console/reports", title: "Reports", body: "Conversion, delivery and time to verify over time." },
  { href: "/console/webhooks", title: "Webhooks", body: "Signed events and the state of each delivery." },
  {
    href: "/console/outbox",
    title: "Test outbox",
    body: "Messages from test keys, so you can read their codes.",
  },
];

export default function ConsoleOverviewPage() {
  return (
    <>
      <h1 className="text-2xl font-bold tracking-tight text-slate-950">Console</h1>
      <p className="mt-2 max-w-2xl text-slate-600">
        Manage your apps and keys and see how verification is going. Sign-in and the live pages arrive in the
        next release; each section below says what it will hold.
      </p>
      <h2 className="sr-only">Sections</h2>
      <ul className="mt-8 grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
        {areas.map((area) => (
          <li key={area.href}>
            <Link
              href={area.href}
              className="group flex h-full flex-col rounded-xl border border-slate-200 bg-white p-5 shadow-xs transition hover:border-brand-300 hover:shadow-md"
            >
              <span className="flex items-center justify-between font-semibold text-slate-950">
                {area.title}
                <ArrowRightIcon className="size-4 text-slate-400 transition group-hover:translate-x-0.5 group-hover:text-brand-600" />
              </span>
              <span className="mt-1.5 text-sm leading-6 text-slate-600">{area.body}</span>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
