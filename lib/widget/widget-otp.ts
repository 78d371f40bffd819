import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/http/errors";
import { isId } from "@/lib/ids";
import type { LimitGate } from "@/lib/otp/limit-gate";
import { resendOtp } from "@/lib/otp/resend-otp";
import { sendOtp } from "@/lib/otp/send-otp";
import type { VerificationView } from "@/lib/events/verification-view";
import { verifyOtp } from "@/lib/otp/verify-otp";
import { limitIds } from "@/lib/rate-limit/policies";
import { signWidgetToken } from "@/lib/tokens/sign-token";
import { toAsciiDigits } from "./digits";
import { spendChallenge } from "./proof-of-work";
import type { WidgetResendInput, WidgetSendInput, WidgetVerifyInput } from "./schemas";
import { isAllowedOrigin, type WidgetApp } from "./widget-app";

type Context = { widget: WidgetApp; limits: LimitGate; ip: string | null };

/** What the page needs to know about a verification (never the code). */
export type WidgetVerification = Pick<
  VerificationView,
  "id" | "recipient" | "channel" | "status" | "expiresAt" | "resendAvailableAt"
> & { codeLength: number; alphabet: string; /** the number as people read it, e.g. "+55 11 91234 5678" */ display: string };

/**
 * A send from the widget: spends a proof-of-work challenge, applies the per-IP widget limit
 * (CONTRACT §5), then starts an ordinary verification marked `source: "widget"`, in the widget's
 * locale, remembering the embedding origin (for the WebOTP line and the token) when the app allows it.
 */
export async function widgetSend({ widget, limits, ip }: Context, input: WidgetSendInput): Promise<WidgetVerification> {
  const { app, principal } = widget;
  await spendChallenge(app.id, input.pow);
  await enforceIpLimit({ widget, limits, ip });
  const phone = toAsciiDigits(input.phone).trim();
  const international = phone.startsWith("+") || phone.startsWith("00");
  const view = await sendOtp(
    principal,
    {
      appId: app.id,
      ...(international ? { recipient: phone.replace(/^00/, "+") } : { phoneNumber: phone, countryCode: input.country }),
      channel: input.channel,
      locale: input.locale,
    },
    limits,
    { source: "widget", widgetOrigin: isAllowedOrigin(app, input.origin) ? input.origin : null },
  );
  return toWidgetView(view, app);
}

export async function widgetResend({ widget, limits, ip }: Context, input: WidgetResendInput): Promise<WidgetVerification> {
  const { app, principal } = widget;
  await assertWidgetVerification(widget, input.id);
  await spendChallenge(app.id, input.pow);
  await enforceIpLimit({ widget, limits, ip });
  const view = await resendOtp(principal, { id: input.id, channel: input.channel }, limits);
  return toWidgetView(view, app);
}

/**
 * Checks the code. When the verification was started on an allowed embedding page, the answer
 * carries the signed token for that origin (CONTRACT §8); a preview (the page opened directly) is
 * verified without one.
 */
export async function widgetVerify(
  { widget, limits, ip }: Context,
  input: WidgetVerifyInput,
): Promise<{ verified: true; verificationId: string; recipient: string; display: string; token: string | null }> {
  const { app, principal } = widget;
  const verification = await assertWidgetVerification(widget, input.id);
  const { verification: approved } = await verifyOtp(principal, { id: input.id, code: input.code }, limits, { ip });
  const origin = verification.widgetOrigin;
  const token = isAllowedOrigin(app, origin)
    ? await signWidgetToken({
        appId: app.id,
        recipient: approved.recipient,
        verificationId: approved.id,
        origin,
        nonce: input.nonce,
        mode: principal.mode,
      })
    : null;
  return { verified: true, verificationId: approved.id, recipient: approved.recipient, display: displayNumber(approved.recipient), token };
}

/** Only verifications this app's widget started can be resent or verified through the widget. */
async function assertWidgetVerification(widget: WidgetApp, id: string) {
  if (!isId("ver", id)) throw notFound("verification");
  const prisma = await db();
  const verification = await prisma.verification.findFirst({
    where: { id, tenantId: widget.principal.tenantId, appId: widget.app.id, mode: widget.principal.mode, source: "widget" },
    select: { id: true, widgetOrigin: true },
  });
  if (!verification) throw notFound("verification");
  return verification;
}

async function enforceIpLimit({ widget, limits, ip }: Context): Promise<void> {
  const { app } = widget;
  await limits.enforce([{ policy: "widgetSendsPerIp", id: limitIds.widgetIp(app.id, ip ?? "unknown") }], app.rateLimits, {
    tenantId: app.tenantId,
    appId: app.id,
  });
}

function toWidgetView(view: VerificationView, app: { codeLength: number; alphabet: string }): WidgetVerification {
  const v = view as VerificationView & { codeLength?: number; alphabet?: string };
  return {
    id: view.id,
    recipient: view.recipient,
    channel: view.channel,
    status: view.status,
    expiresAt: view.expiresAt,
    resendAvailableAt: view.resendAvailableAt,
    codeLength: v.codeLength ?? app.codeLength,
    alphabet: v.alphabet ?? app.alphabet,
    display: displayNumber(view.recipient),
  };
}

function displayNumber(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}
