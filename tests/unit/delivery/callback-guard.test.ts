import { describe, expect, it } from "vitest";
import { CALLBACK_MAX_BODY_BYTES, guardCallback } from "@/lib/delivery/callbacks/callback-guard";
import { PEER_ADDRESS_HEADER } from "@/lib/http/client-ip";

/** Issue 8 item 4: callbacks are bounded before any work (per-IP budget, body cap). */
const from = (ip: string, body?: BodyInit, headers: Record<string, string> = {}) =>
  new Request("http://localhost/api/callbacks/twilio", { method: "POST", body, headers: { [PEER_ADDRESS_HEADER]: ip, ...headers }, duplex: "half" } as RequestInit);

describe("guardCallback", () => {
  it("reads a body up to the cap", async () => {
    const guarded = await guardCallback(from("198.51.100.1", "MessageStatus=delivered"));
    expect(guarded).toEqual({ ok: true, text: "MessageStatus=delivered" });
  });

  it("refuses a body over the cap with 413, also when Content-Length is absent", async () => {
    const big = "x".repeat(CALLBACK_MAX_BODY_BYTES + 1);
    const declared = await guardCallback(from("198.51.100.2", big));
    expect(declared.ok ? 200 : declared.response.status).toBe(413);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 80; i++) controller.enqueue(new Uint8Array(1024));
        controller.close();
      },
    });
    const streamed = await guardCallback(from("198.51.100.2", stream));
    expect(streamed.ok ? 200 : streamed.response.status).toBe(413);
  });

  it("limits requests per client IP, each address on its own", async () => {
    let last: Awaited<ReturnType<typeof guardCallback>> | undefined;
    for (let i = 0; i < 3001; i++) last = await guardCallback(from("198.51.100.3"));
    expect(last!.ok ? 200 : last!.response.status).toBe(429);
    expect(last!.ok ? null : last!.response.headers.get("retry-after")).toMatch(/^\d+$/);
    expect((await guardCallback(from("198.51.100.4"))).ok).toBe(true);
  });
});
