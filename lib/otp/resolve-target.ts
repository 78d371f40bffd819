import type { App } from "@/lib/generated/prisma/client";
import { ApiError } from "@/lib/http/errors";
import type { ApiKeyPrincipal } from "@/lib/keys/authenticate-api-key";
import { requireApp, requireOnlyApp } from "@/lib/keys/require-app";
import { checkLineType, isCountryAllowed, normalizePhone } from "@/lib/phone/normalize";

/**
 * The app a request acts on: the given one (of the key's tenant, allowed for the key), or the
 * tenant's only app when none is given.
 */
export async function resolveApp(principal: ApiKeyPrincipal, appId: string | undefined): Promise<App> {
  return appId === undefined ? requireOnlyApp(principal) : requireApp(principal, appId);
}

export type Recipient = { e164: string; country: string; numberPrefix: string; lineType: string };

/** Normalises the recipient fields of a request to E.164, or answers 400 `invalid_phone_number`. */
export function resolveRecipient(fields: {
  recipient?: string;
  phoneNumber?: string;
  mobileNumber?: string;
  countryCode?: string;
}): Recipient {
  const result = normalizePhone({
    recipient: fields.recipient,
    phoneNumber: fields.phoneNumber ?? fields.mobileNumber,
    countryCode: fields.countryCode,
  });
  if (!result.ok) throw new ApiError("invalid_phone_number", result.detail);
  return { e164: result.e164, country: result.country, numberPrefix: result.numberPrefix, lineType: result.lineType };
}

/** The app's country allowlist and the line-type gate of a channel. */
export function assertCanMessage(app: App, recipient: Recipient, channel: "sms" | "whatsapp"): void {
  if (!isCountryAllowed(recipient.country, app.allowedCountries)) {
    throw new ApiError("country_blocked", `This app does not send to ${recipient.country} numbers.`, {
      country: recipient.country,
    });
  }
  const reason = checkLineType(recipient.lineType as never, channel);
  if (reason) {
    throw new ApiError(
      "invalid_phone_number",
      `${recipient.e164} cannot receive ${channel === "sms" ? "SMS" : "WhatsApp"} messages (${reason.replace(/_/g, " ")} number).`,
      { reason },
    );
  }
}
