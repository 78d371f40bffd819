import { readProviders } from "@/lib/apps/app-view";
import { baseUrl } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { isId } from "@/lib/ids";
import { applyStatusUpdate, type MessageStatus } from "../apply-status-update";
import { sameSecret, twilioSignature } from "./signatures";

// Twilio's MessageStatus values that change ours; the others (accepted, queued, sending, scheduled…) do not.
const STATUS: Record<string, MessageStatus> = { sent: "sent", delivered: "delivered", read: "delivered", undelivered: "failed", failed: "failed", canceled: "failed" };

/**
 * A Twilio status callback (POST /api/callbacks/twilio?attempt=dla_…, form-encoded). The attempt
 * named in the URL (or found by MessageSid) gives the app, whose auth token must have signed the
 * request; otherwise 403 and nothing changes. An unknown attempt answers the same 403 as a bad
 * signature, and nothing but that one lookup happens before the signature is checked.
 * Returns the HTTP status to answer.
 */
export async function handleTwilioCallback(input: { pathAndQuery: string; rawBody: string; signature: string | null }): Promise<number> {
  const params = new URLSearchParams(input.rawBody);
  const url = new URL(input.pathAndQuery, "http://x");
  const attemptId = url.searchParams.get("attempt");
  const sid = params.get("MessageSid") ?? params.get("SmsSid");
  const prisma = await db();
  if (!input.signature) return 403;
  const withApp = { verification: { select: { app: { select: { id: true, providersEncrypted: true } } } } } as const;
  const found = attemptId && isId("dla", attemptId)
    ? await prisma.deliveryAttempt.findUnique({ where: { id: attemptId }, include: withApp })
    : sid
      ? await prisma.deliveryAttempt.findFirst({ where: { provider: "twilio", providerMessageId: sid }, include: withApp })
      : null;
  if (!found || found.provider !== "twilio") return 403;
  const { verification, ...attempt } = found;
  const twilio = readProviders(verification.app).twilio;
  // Twilio signs the URL it was given: the public one we built from OTPILOT_BASE_URL.
  if (!twilio || !sameSecret(input.signature, twilioSignature(twilio.authToken, baseUrl() + input.pathAndQuery, params))) return 403;
  if (params.get("AccountSid") !== twilio.accountSid) return 403;
  if (attempt.providerMessageId && sid && attempt.providerMessageId !== sid) return 403;

  const status = STATUS[params.get("MessageStatus") ?? ""];
  if (!status) return 204;
  await prisma.$transaction(async (tx) => {
    if (!attempt.providerMessageId && sid) await tx.deliveryAttempt.update({ where: { id: attempt.id }, data: { providerMessageId: sid } });
    const errorCode = params.get("ErrorCode");
    await applyStatusUpdate(tx, attempt, status, status === "failed" ? { code: errorCode ? `twilio_${errorCode}` : "undelivered", message: `Twilio reported ${params.get("MessageStatus")}` } : undefined);
  });
  return 204;
}
