import { randomBytes } from "node:crypto";
import type { AppSettingsInput } from "@/lib/apps/settings";
import { newTenant, type TestTenant } from "../tenant";
import { registerTwilioAccount, registerWhatsAppNumber } from "./control";

export type ProviderCredentials = {
  twilio: { accountSid: string; authToken: string; from: string };
  whatsapp: { phoneNumberId: string; accessToken: string; templateName: string; templateLanguage: string; appSecret: string; verifyToken: string };
};

/** A tenant whose app sends live through the stand-ins: Twilio for SMS, Meta for WhatsApp. */
export async function liveTenant(settings: AppSettingsInput = {}): Promise<TestTenant & { credentials: ProviderCredentials }> {
  const credentials: ProviderCredentials = {
    twilio: { accountSid: `AC${randomBytes(16).toString("hex")}`, authToken: randomBytes(16).toString("hex"), from: "+14155550100" },
    whatsapp: {
      phoneNumberId: String(100000000000000 + Math.floor(Math.random() * 1e12)),
      accessToken: `EAAG${randomBytes(24).toString("hex")}`,
      templateName: "otp_code",
      templateLanguage: "en_US",
      appSecret: randomBytes(16).toString("hex"),
      verifyToken: randomBytes(12).toString("hex"),
    },
  };
  await registerTwilioAccount(credentials.twilio.accountSid, credentials.twilio.authToken);
  await registerWhatsAppNumber(credentials.whatsapp.phoneNumberId, credentials.whatsapp.accessToken);
  const tenant = await newTenant({ channels: ["sms", "whatsapp"], ...settings, providers: { twilio: credentials.twilio, whatsapp: credentials.whatsapp, ...settings.providers } });
  return { ...tenant, credentials };
}
