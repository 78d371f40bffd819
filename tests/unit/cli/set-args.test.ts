import { describe, expect, it } from "vitest";
import { appSettingsSchema } from "@/lib/apps/settings";
import { parseSetArgs } from "@/lib/cli/set-args";

describe("app:update --set", () => {
  it("builds nested settings from dotted keys and JSON or plain values", () => {
    const settings = parseSetArgs([
      "rateLimits.sendsPerRecipient=20",
      "rateLimits.verifiesPerRecipientWindow=300",
      "channels=whatsapp,sms",
      'allowedCountries=["BR","IN"]',
      "exposeCode=true",
      "name=My app",
      "webhookUrl=null",
    ]);
    expect(settings).toEqual({
      rateLimits: { sendsPerRecipient: 20, verifiesPerRecipientWindow: 300 },
      channels: ["whatsapp", "sms"],
      allowedCountries: ["BR", "IN"],
      exposeCode: true,
      name: "My app",
      webhookUrl: null,
    });
    expect(appSettingsSchema.safeParse(settings).success).toBe(true);
  });

  it("refuses malformed pairs", () => {
    expect(() => parseSetArgs(["novalue"])).toThrow(/key=value/);
    expect(() => parseSetArgs(["=1"])).toThrow(/key=value/);
    expect(() => parseSetArgs(["a..b=1"])).toThrow(/not a setting/);
    expect(() => parseSetArgs(["ttl=60", "ttl.x=1"])).toThrow(/both/);
  });

  it("the settings schema refuses unknown or out-of-range settings", () => {
    expect(appSettingsSchema.safeParse(parseSetArgs(["colour=blue"])).success).toBe(false);
    expect(appSettingsSchema.safeParse(parseSetArgs(["maxAttempts=11"])).success).toBe(false);
    expect(appSettingsSchema.safeParse(parseSetArgs(["rateLimits.unknown=1"])).success).toBe(false);
  });
});
