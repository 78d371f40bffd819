import { describe, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import { webhookHeaders } from "@/lib/webhooks/sign-webhook";
import { generateWebhookSecret } from "@/lib/webhooks/webhook-secrets";

describe("webhookHeaders", () => {
  const body = JSON.stringify({ type: "verification.approved", timestamp: "2026-01-01T00:00:00.000Z", data: {} });

  it("signs per Standard Webhooks: the library's verify accepts it", () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const headers = webhookHeaders({ webhookId: "evt_1", body, secrets: [secret], at: new Date() });
    expect(headers["webhook-id"]).toBe("evt_1");
    expect(headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(generateWebhookSecret()).verify(body, headers)).toThrow(/No matching signature/);
    expect(() => new Webhook(secret).verify(body + " ", headers)).toThrow();
  });

  it("carries one signature per secret during a roll, each verifiable on its own", () => {
    const [current, previous] = [generateWebhookSecret(), generateWebhookSecret()];
    const headers = webhookHeaders({ webhookId: "evt_2", body, secrets: [current, previous], at: new Date() });
    expect(headers["webhook-signature"]!.split(" ")).toHaveLength(2);
    expect(new Webhook(current).verify(body, headers)).toBeTruthy();
    expect(new Webhook(previous).verify(body, headers)).toBeTruthy();
  });

  it("stamps the attempt time in seconds", () => {
    const at = new Date("2026-03-04T05:06:07.890Z");
    expect(webhookHeaders({ webhookId: "evt_3", body, secrets: [generateWebhookSecret()], at })["webhook-timestamp"]).toBe(String(Math.floor(at.getTime() / 1000)));
  });
});
