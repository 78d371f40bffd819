/** Load runs with autocannon, reduced to the numbers the benchmark reports. */
import autocannon from "autocannon";

export type LoadResult = {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  total: number;
  /** answers outside 2xx plus transport errors (timeouts included) */
  non2xx: number;
  /** the same by status, e.g. {"429": 12, "errors": 1} */
  statuses: Record<string, number>;
  errors: number;
  /** CPU time the server spent per answered request, when measured (Linux) */
  cpuMsPerRequest?: number;
  /** CPU time the database's backends spent per answered request, when measured (Linux) */
  databaseCpuMsPerRequest?: number;
};

export type LoadRequest = {
  method: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  /** a fresh JSON body for every request */
  body?: () => unknown;
  /** sees every answer; with it autocannon keeps the bodies */
  onResponse?: (status: number, body: string) => void;
};

/** Runs `request` against `baseUrl` for `seconds` (or `amount` requests) with `connections` connections. */
export async function runLoad(
  baseUrl: string,
  request: LoadRequest,
  options: { connections: number; seconds?: number; amount?: number },
): Promise<LoadResult> {
  const headers = { ...(request.body ? { "content-type": "application/json" } : {}), ...request.headers };
  const result = await autocannon({
    url: baseUrl,
    connections: options.connections,
    ...(options.amount ? { amount: options.amount } : { duration: options.seconds ?? 10 }),
    timeout: 10,
    requests: [
      {
        method: request.method,
        path: request.path,
        headers,
        ...(request.body
          ? { setupRequest: (req) => ({ ...req, body: JSON.stringify(request.body!()) }) }
          : {}),
        ...(request.onResponse
          ? { onResponse: (status: number, body: string) => request.onResponse!(status, body) }
          : {}),
      },
    ],
  });
  const statuses: Record<string, number> = {};
  for (const [status, { count }] of Object.entries(result.statusCodeStats ?? {})) {
    if (!status.startsWith("2") && count) statuses[status] = count;
  }
  // autocannon's `errors` includes its `timeouts`
  if (result.errors) statuses.errors = result.errors;
  return {
    requestsPerSecond: result.requests.total / Math.max(result.duration, 0.001),
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    non2xx: result.non2xx + result.errors,
    statuses,
    errors: result.errors,
  };
}
