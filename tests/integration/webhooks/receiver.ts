import http from "node:http";
import type { AddressInfo } from "node:net";

export type Received = { headers: Record<string, string>; body: string; status: number };

/**
 * A real local webhook receiver. `answer` picks the status of each request from how many times its
 * webhook-id has arrived (1 for the first attempt); `delayMs` holds each answer back that long.
 */
export async function startReceiver(answer: (attempt: number, request: Received) => number = () => 200, delayMs = 0) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      const request: Received = { headers, body: Buffer.concat(chunks).toString("utf8"), status: 0 };
      const attempt = received.filter((r) => r.headers["webhook-id"] === headers["webhook-id"]).length + 1;
      request.status = answer(attempt, request);
      received.push(request);
      setTimeout(
        () => res.writeHead(request.status, { "content-type": "text/plain" }).end(request.status >= 300 ? "receiver says no" : "ok"),
        delayMs,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/otp`,
    received,
    byId: (id: string) => received.filter((r) => r.headers["webhook-id"] === id),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function waitFor<T>(check: () => T | Promise<T>, what: string, timeoutMs = 20_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
