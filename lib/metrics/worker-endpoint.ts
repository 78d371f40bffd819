import http from "node:http";
import { logger } from "@/lib/log";
import { metricsAnswer } from "./serve";

/**
 * `npm run worker` has no web server, but its counters (deliveries, job failures) live in its own
 * process: with OTPILOT_METRICS_PORT set it answers GET /metrics (same token as the server's
 * /api/metrics) on that port, for Prometheus to scrape each worker.
 */
export function serveWorkerMetrics(port: number): http.Server {
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://worker");
    if (request.method !== "GET" || (url.pathname !== "/metrics" && url.pathname !== "/api/metrics")) {
      response.writeHead(404, { "Content-Type": "application/problem+json" }).end(JSON.stringify({ status: 404, code: "not_found" }));
      return;
    }
    metricsAnswer(request.headers.authorization ?? null).then(
      (answer) => {
        if (answer.status === 200) {
          response.writeHead(200, { "Content-Type": answer.contentType, "Cache-Control": "no-store" }).end(answer.body);
          return;
        }
        const headers: Record<string, string> = { "Content-Type": "application/problem+json" };
        if (answer.status === 401) headers["WWW-Authenticate"] = 'Bearer realm="metrics"';
        response.writeHead(answer.status, headers).end(JSON.stringify({ status: answer.status, code: answer.code, detail: answer.detail }));
      },
      (error: unknown) => {
        logger.error({ err: error }, "metrics scrape failed");
        response.writeHead(500).end();
      },
    );
  });
  server.listen(port, () => logger.info({ port }, "worker metrics on /metrics"));
  return server;
}
