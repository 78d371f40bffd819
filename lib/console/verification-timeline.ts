import { parsePhoneNumberFromString } from "libphonenumber-js/min";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/http/errors";
import type { ApiKeyPrincipal } from "@/lib/keys/authenticate-api-key";
import { findVerification } from "@/lib/otp/find-verification";
import { verificationView, type VerificationView } from "@/lib/events/verification-view";

export type TimelineEntry = {
  at: string;
  kind: "event" | "delivery" | "verify" | "blocked";
  /** e.g. `message.sent`, `sms via twilio`, `invalid_code` */
  title: string;
  tone: "neutral" | "green" | "amber" | "red" | "brand";
  /** what the provider, the engine or the limiter said, never a code */
  details: { label: string; value: string }[];
};

export type VerificationTimeline = {
  verification: VerificationView & { country: string; locale: string | null; mode: string };
  entries: TimelineEntry[];
};

const EVENT_TONE: Record<string, TimelineEntry["tone"]> = {
  "verification.approved": "green",
  "verification.failed": "red",
  "verification.expired": "amber",
  "verification.canceled": "neutral",
  "message.failed": "red",
  "message.delivered": "green",
  "rate_limit.hit": "amber",
};

/**
 * One verification of the caller's tenant and mode with everything that happened to it, oldest
 * first: its events, each delivery attempt (provider status and error), each code check (with its
 * reason) and each send the limits blocked. Another tenant's or mode's id is 404.
 */
export async function loadVerificationTimeline(principal: ApiKeyPrincipal, id: string): Promise<VerificationTimeline> {
  const verification = await findVerification(principal, id);
  if (verification.mode !== principal.mode) throw notFound("verification");
  const prisma = await db();
  const where = { tenantId: principal.tenantId, verificationId: verification.id };
  const [events, deliveries, checks] = await Promise.all([
    prisma.event.findMany({ where, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: 200 }),
    prisma.deliveryAttempt.findMany({ where, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: 100 }),
    prisma.verifyAttempt.findMany({ where, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: 100 }),
  ]);
  const entries: TimelineEntry[] = [
    ...events.map((e) => ({
      at: e.createdAt.toISOString(),
      kind: e.type === "rate_limit.hit" ? ("blocked" as const) : ("event" as const),
      title: e.type,
      tone: EVENT_TONE[e.type] ?? "brand",
      details: describeData(e.data),
    })),
    ...deliveries.map((d) => ({
      at: d.createdAt.toISOString(),
      kind: "delivery" as const,
      title: `Delivery attempt: ${d.channel} via ${d.provider}`,
      tone: d.status === "failed" ? ("red" as const) : d.status === "delivered" ? ("green" as const) : ("neutral" as const),
      details: [
        { label: "Provider status", value: d.finishedAt || d.status !== "queued" ? d.status : "queued (outcome not known yet)" },
        { label: "Send / channel step / try", value: `${d.sendNumber} / ${d.step + 1} / ${d.try + 1}` },
        ...(d.providerMessageId ? [{ label: "Provider message id", value: d.providerMessageId }] : []),
        ...(d.errorCode ? [{ label: "Error code", value: d.errorCode }] : []),
        ...(d.errorMessage ? [{ label: "Error", value: d.errorMessage }] : []),
        ...(d.retryable !== null && d.status === "failed" ? [{ label: "Retryable", value: d.retryable ? "yes" : "no" }] : []),
      ],
    })),
    ...checks.map((a) => ({
      at: a.createdAt.toISOString(),
      kind: "verify" as const,
      title: a.success ? "Code checked: right" : "Code checked: refused",
      tone: a.success ? ("green" as const) : ("red" as const),
      details: [{ label: "Reason", value: a.reason }, ...(a.ip ? [{ label: "IP", value: a.ip }] : [])],
    })),
  ]
    // Oldest first; the creation leads even when a delivery row got an earlier millisecond.
    .sort((a, b) => Number(b.title === "verification.created") - Number(a.title === "verification.created") || a.at.localeCompare(b.at));
  return {
    verification: { ...verificationView(verification), country: verification.country, locale: verification.locale, mode: verification.mode },
    entries,
  };
}

function describeData(data: unknown): TimelineEntry["details"] {
  if (!data || typeof data !== "object") return [];
  return Object.entries(data as Record<string, unknown>)
    // never a code or a secret, but provider error codes are what a reader is looking for
    .filter(([name]) => !/^code$|codeHash|codeEncrypted|secret|token/i.test(name))
    .map(([label, value]) => ({ label, value: typeof value === "string" ? value : JSON.stringify(value) }));
}

/** Sends refused by a rate limit before any verification existed (newest first), with the limit's name. */
export async function listBlockedSends(principal: ApiKeyPrincipal, limit = 10) {
  const prisma = await db();
  const rows = await prisma.event.findMany({
    where: { tenantId: principal.tenantId, type: "rate_limit.hit" },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
  });
  return rows.map((r) => ({ id: r.id, at: r.createdAt.toISOString(), appId: r.appId, verificationId: r.verificationId, reason: reasonOf(r.data) }));
}

function reasonOf(data: unknown): string {
  const d = (data ?? {}) as { limit?: unknown; max?: unknown };
  return typeof d.limit === "string" ? `${d.limit}${typeof d.max === "number" ? ` (max ${d.max})` : ""}` : "rate_limit";
}

/** "+5511999888777" → "+55 ••••••8777": enough to recognise a number, not to read it out. */
export function maskPhone(e164: string): string {
  const digits = e164.replace(/^\+/, "");
  if (digits.length <= 6) return `+${"•".repeat(digits.length)}`;
  const cc = parsePhoneNumberFromString(e164)?.countryCallingCode ?? digits.slice(0, 1);
  return `+${cc} ${"•".repeat(Math.max(0, digits.length - cc.length - 4))}${digits.slice(-4)}`;
}
