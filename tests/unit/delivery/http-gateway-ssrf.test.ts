import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { settingsToColumns } from "@/lib/apps/app-data";
import { ApiError } from "@/lib/http/errors";
import { httpGatewayProvider } from "@/lib/delivery/providers/http-gateway";
import { ProviderError, type OutgoingMessage } from "@/lib/delivery/providers/types";

/** Issue 8 item 2: the HTTP gateway URL is an outbound URL the tenant controls, guarded like webhooks. */
const message: OutgoingMessage = {
  attemptId: "dat_1",
  messageKey: "ver_1:1:0",
  tenantId: "ten_1",
  appId: "app_1",
  verificationId: "ver_1",
  to: "+5511999888777",
  channel: "sms",
  body: "Your code is 123456",
  code: "123456",
  locale: "en",
  step: 0,
  try: 0,
};

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ProviderError) return error;
    throw error;
  }
  throw new Error("expected a ProviderError");
}

let hits = 0;
let server: http.Server;
let port: number;
beforeAll(async () => {
  server = http.createServer((req, res) => {
    hits += 1;
    if (req.url === "/redirect") {
      res.writeHead(302, { Location: "http://169.254.169.254/latest/meta-data" }).end();
      return;
    }
    res.writeHead(req.url === "/missing" ? 404 : 202, { "Content-Type": "application/json" }).end('{"id":"gw-1"}');
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe("providers.http.url at save time", () => {
  it.each(["http://169.254.169.254/latest/meta-data", "http://[::1]:6379/", "http://0x7f.1:3999/", "http://localhost:5432/", "http://10.0.0.5/sms"])(
    "refuses %s with a 400 naming the field",
    (url) => {
      let thrown: unknown;
      try {
        settingsToColumns("app_1", { providers: { http: { url } } });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ApiError);
      expect((thrown as ApiError).extra.errors).toEqual([expect.objectContaining({ path: "providers.http.url" })]);
    },
  );
});

describe("the HTTP gateway call", () => {
  it("refuses non-public addresses at call time, without calling and without naming the address", async () => {
    for (const url of [`http://127.0.0.1:${port}/sms`, "http://169.254.169.254/", "http://[::1]:6379/", "http://0x7f.1:3999/"]) {
      const before = hits;
      const error = await failure(httpGatewayProvider({ url }, { allowPrivate: false }).send(message));
      expect(error.code, url).toBe("gateway_unreachable");
      expect(error.retryable).toBe(false);
      expect(error.message).not.toMatch(/127\.0\.0\.1|169\.254|::1|resolves/);
      expect(hits).toBe(before);
    }
  });

  it("reports a closed port and an unresolvable name the same way (no port-scanner oracle)", async () => {
    const closed = await failure(httpGatewayProvider({ url: "http://127.0.0.1:1/sms" }, { allowPrivate: true }).send(message));
    const unknown = await failure(httpGatewayProvider({ url: "http://no-such-host.invalid/sms" }, { allowPrivate: true }).send(message));
    expect(closed.code).toBe("gateway_unreachable");
    expect(unknown.code).toBe("gateway_unreachable");
    expect(closed.message).toBe(unknown.message);
    expect(closed.message).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|ENOTFOUND/);
  });

  it("does not follow redirects", async () => {
    const error = await failure(httpGatewayProvider({ url: `http://127.0.0.1:${port}/redirect` }, { allowPrivate: true }).send(message));
    expect(error.code).toBe("gateway_redirect");
  });

  it("delivers to an allowed gateway and keeps its message id", async () => {
    const result = await httpGatewayProvider({ url: `http://127.0.0.1:${port}/sms` }, { allowPrivate: true }).send(message);
    expect(result).toEqual({ providerMessageId: "gw-1", status: "sent" });
    const error = await failure(httpGatewayProvider({ url: `http://127.0.0.1:${port}/missing` }, { allowPrivate: true }).send(message));
    expect(error.code).toBe("http_404");
  });
});
