import Link from "next/link";
import { type ComponentType, type SVGProps } from "react";
import {
  ArrowRightIcon,
  CheckIcon,
  EyeIcon,
  MessageIcon,
  ServerIcon,
  ShieldIcon,
  TerminalIcon,
  WidgetIcon,
} from "@/components/icons";
import { selfHostSample, sendAndVerifySample, widgetSample } from "@/components/samples";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CodeBlock } from "@/components/ui/code-block";

type Feature = {
  title: string;
  summary: string;
  icon: ComponentType<SVGProps<SVGSVGElement>>;
  points: string[];
};

const features: Feature[] = [
  {
    title: "Secure by default",
    summary: "The safe choice is the one you get without configuring anything.",
    icon: ShieldIcon,
    points: [
      "Codes are stored only as keyed hashes, never in responses or logs",
      "Constant-time comparison; a code works exactly once",
      "Every key, id and record is scoped to its tenant",
      "Rate limits per recipient, number prefix, key and tenant against SMS pumping",
    ],
  },
  {
    title: "Transparent",
    summary: "See what actually happened to each message, not what you hoped happened.",
    icon: EyeIcon,
    points: [
      "Truthful delivery status: queued, sent, delivered or failed",
      "An event log for every verification, attempt and limit hit",
      "Signed webhooks for approvals, failures and expiries",
      "Reports on conversion and time to verify, by channel and country",
    ],
  },
  {
    title: "Built for developers",
    summary: "An API that is pleasant to integrate and easy to test.",
    icon: TerminalIcon,
    points: [
      "Test mode keys that never hit a provider, with an outbox to read codes",
      "Four auth header forms: bearer, key + secret, basic, single header",
      "RFC 9457 problem+json errors with stable codes",
      "Idempotency keys on send; rate-limit headers on every response",
    ],
  },
];

const parts = [
  {
    title: "SMS and WhatsApp",
    body: "Twilio for SMS, the WhatsApp Cloud API for one-tap codes, or your own gateway through a signed webhook.",
    icon: MessageIcon,
  },
  {
    title: "Embeddable widget",
    body: "One script tag renders a complete phone verification flow and hands your page a signed token.",
    icon: WidgetIcon,
  },
  {
    title: "Your servers",
    body: "Starts with an embedded database and no configuration. Add PostgreSQL and Redis when you grow.",
    icon: ServerIcon,
  },
];

export default function HomePage() {
  return (
    <>
      <section aria-labelledby="hero-heading" className="relative isolate overflow-hidden">
        <div
          aria-hidden="true"
          className="absolute inset-0 -z-10 bg-[radial-gradient(60rem_32rem_at_85%_-10%,var(--color-brand-100),transparent_70%),radial-gradient(40rem_24rem_at_-10%_10%,var(--color-slate-100),transparent_70%)]"
        />
        <div
          aria-hidden="true"
          className="absolute inset-0 -z-10 bg-[linear-gradient(to_right,var(--color-slate-200)_1px,transparent_1px),linear-gradient(to_bottom,var(--color-slate-200)_1px,transparent_1px)] mask-[radial-gradient(ellipse_at_top,black_20%,transparent_70%)] bg-size-[3.5rem_3.5rem] opacity-40"
        />
        <div className="mx-auto grid max-w-6xl items-center gap-12 px-4 pt-16 pb-20 sm:px-6 sm:pt-24 lg:grid-cols-[1.05fr_1fr] lg:gap-16 lg:px-8 lg:pb-28">
          <div>
            <p className="inline-flex items-center gap-2 rounded-full bg-white/80 px-3 py-1 text-xs font-semibold text-brand-800 ring-1 ring-brand-200">
              <span aria-hidden="true" className="size-1.5 rounded-full bg-brand-600" />
              Open source · Self-hosted · Apache-2.0
            </p>
            <h1
              id="hero-heading"
              className="mt-6 text-[2.1rem] leading-[1.15] font-bold tracking-tight text-balance text-slate-950 sm:text-5xl lg:text-[3rem] lg:text-wrap lg:leading-[1.08]"
            >
              <span className="whitespace-nowrap">Open-source</span> phone verification{" "}
              <span className="text-brand-600 sm:whitespace-nowrap">you can run yourself</span>
            </h1>
            <p className="mt-6 max-w-xl text-lg leading-8 text-pretty text-slate-600">
              Send a one-time code by SMS or WhatsApp, verify it with one API call, drop in an embeddable
              widget, and follow every message in your own console. Your servers, your provider accounts, your
              data.
            </p>
            <div className="mt-8 flex flex-wrap items-center gap-3">
              <ButtonLink href="/docs" size="lg">
                Read the quick start
                <ArrowRightIcon className="size-4" />
              </ButtonLink>
              <ButtonLink href="/console" size="lg" variant="secondary">
                Open the console
              </ButtonLink>
            </div>
            <p className="mt-6 text-sm text-slate-600">
              Or jump to the{" "}
              <Link
                href="/docs/api"
                className="font-semibold text-brand-700 underline-offset-4 hover:underline"
              >
                API reference
              </Link>
              .
            </p>
          </div>
          <CodeBlock title="Send and verify" language="bash" code={sendAndVerifySample} className="min-w-0" />
        </div>
      </section>

      <section aria-labelledby="parts-heading" className="border-y border-slate-200 bg-slate-50/70">
        <div className="mx-auto max-w-6xl px-4 py-16 sm:px-6 lg:px-8">
          <h2 id="parts-heading" className="sr-only">
            What OTPilot includes
          </h2>
          <ul className="grid gap-8 md:grid-cols-3">
            {parts.map((part) => (
              <li key={part.title} className="flex gap-4">
                <span className="flex size-10 shrink-0 items-center justify-center rounded-lg bg-white text-brand-700 shadow-xs ring-1 ring-slate-200">
                  <part.icon className="size-5" />
                </span>
                <div>
                  <h3 className="font-semibold text-slate-900">{part.title}</h3>
                  <p className="mt-1 text-sm leading-6 text-slate-600">{part.body}</p>
                </div>
              </li>
            ))}
          </ul>
        </div>
      </section>

      <section
        aria-labelledby="features-heading"
        className="mx-auto max-w-6xl px-4 py-20 sm:px-6 lg:px-8 lg:py-28"
      >
        <div className="max-w-2xl">
          <p className="text-sm font-semibold text-brand-700">Why OTPilot</p>
          <h2
            id="features-heading"
            className="mt-2 text-3xl font-bold tracking-tight text-slate-950 sm:text-4xl"
          >
            The verification service you would build, if you had the time
          </h2>
          <p className="mt-4 text-lg leading-8 text-slate-600">
            Everything a hosted verification API gives you, with the defaults written down and the source open
            for review.
          </p>
        </div>
        <div className="mt-12 grid gap-6 lg:grid-cols-3">
          {features.map((feature) => (
            <Card key={feature.title} className="flex flex-col">
              <span className="flex size-11 items-center justify-center rounded-xl bg-brand-50 text-brand-700 ring-1 ring-brand-100">
                <feature.icon className="size-6" />
              </span>
              <h3 className="mt-5 text-lg font-semibold text-slate-950">{feature.title}</h3>
              <p className="mt-2 text-sm leading-6 text-slate-600">{feature.summary}</p>
              <ul className="mt-5 space-y-3 border-t border-slate-100 pt-5 text-sm leading-6 text-slate-700">
                {feature.points.map((point) => (
                  <li key={point} className="flex gap-3">
                    <CheckIcon className="mt-1 size-4 shrink-0 text-brand-600" />
                    <span>{point}</span>
                  </li>
                ))}
              </ul>
            </Card>
          ))}
        </div>
      </section>

      <section aria-labelledby="integrate-heading" className="bg-brand-950 text-white">
        <div className="mx-auto max-w-6xl px-4 py-20 sm:px-6 lg:px-8 lg:py-24">
          <div className="max-w-2xl">
            <p className="text-sm font-semibold text-brand-300">Two ways in</p>
            <h2 id="integrate-heading" className="mt-2 text-3xl font-bold tracking-tight sm:text-4xl">
              Run it in a minute, embed it in one line
            </h2>
          </div>
          <div className="mt-12 grid gap-10 lg:grid-cols-2">
            <div className="min-w-0">
              <h3 className="text-lg font-semibold">Start a server with no configuration</h3>
              <p className="mt-2 text-sm leading-6 text-slate-300">
                The first start creates an embedded database and a demo tenant. For production, point it at
                PostgreSQL and Redis with environment variables.
              </p>
              <CodeBlock title="Terminal" language="bash" code={selfHostSample} className="mt-6" />
            </div>
            <div className="min-w-0">
              <h3 className="text-lg font-semibold">Or let the widget do the whole flow</h3>
              <p className="mt-2 text-sm leading-6 text-slate-300">
                The widget asks for the number, sends the code, offers a resend and tells your page when the
                number is verified, with a signed token your server checks once.
              </p>
              <CodeBlock title="index.html" language="html" code={widgetSample} className="mt-6" />
            </div>
          </div>
        </div>
      </section>

      <section aria-labelledby="cta-heading" className="mx-auto max-w-6xl px-4 py-20 sm:px-6 lg:px-8">
        <div className="relative isolate overflow-hidden rounded-3xl bg-brand-700 px-6 py-14 text-center shadow-xl sm:px-12">
          <div
            aria-hidden="true"
            className="absolute inset-0 -z-10 bg-[radial-gradient(40rem_20rem_at_50%_-20%,var(--color-brand-400),transparent_70%)]"
          />
          <h2
            id="cta-heading"
            className="text-3xl font-bold tracking-tight text-balance text-white sm:text-4xl"
          >
            Verify your first phone number today
          </h2>
          <p className="mx-auto mt-4 max-w-xl text-lg leading-8 text-brand-100">
            Create a test key, send a code, read it from the outbox. No provider account needed to start.
          </p>
          <div className="mt-8 flex flex-wrap justify-center gap-3">
            <ButtonLink href="/docs" size="lg" variant="light">
              Read the docs
            </ButtonLink>
            <ButtonLink href="/console" size="lg" variant="outlineLight">
              Open the console
            </ButtonLink>
          </div>
        </div>
      </section>
    </>
  );
}
