import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { metaSignature, sameSecret, twilioSignature } from "@/lib/delivery/callbacks/signatures";

describe("X-Twilio-Signature", () => {
  // The worked example of Twilio's request-validation documentation (and of its SDKs' tests).
  const url = "https://mycompany.com/myapp.php?foo=1&bar=2";
  const params = new URLSearchParams({ CallSid: "CA1234567890ABCDE", Caller: "+14158675309", Digits: "1234", From: "+14158675309", To: "+18005551212" });

  it("reproduces Twilio's documented signature, whatever the parameter order", () => {
    expect(twilioSignature("12345", url, params)).toBe("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
    const reordered = new URLSearchParams([...params.entries()].reverse());
    expect(twilioSignature("12345", url, reordered)).toBe("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
  });

  it("changes with the token, the URL and any parameter", () => {
    expect(twilioSignature("54321", url, params)).not.toBe("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
    expect(twilioSignature("12345", `${url}&x=1`, params)).not.toBe("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
    const tampered = new URLSearchParams(params);
    tampered.set("Digits", "9999");
    expect(twilioSignature("12345", url, tampered)).not.toBe("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
  });
});

describe("X-Hub-Signature-256", () => {
  it("is sha256= and the hex HMAC-SHA256 of the raw body with the app secret", () => {
    const body = '{"object":"whatsapp_business_account","entry":[]}';
    const expected = `sha256=${createHmac("sha256", "app-secret").update(body).digest("hex")}`;
    expect(metaSignature("app-secret", body)).toBe(expected);
    expect(metaSignature("app-secret", `${body} `)).not.toBe(expected);
  });
});

describe("sameSecret", () => {
  it("compares exactly and refuses missing values", () => {
    expect(sameSecret("abc", "abc")).toBe(true);
    expect(sameSecret("abd", "abc")).toBe(false);
    expect(sameSecret("abcd", "abc")).toBe(false);
    expect(sameSecret(null, "abc")).toBe(false);
    expect(sameSecret("", "")).toBe(false);
  });
});
