import { deliveryOutcomeLabel, outcomeLabel, routeTemplate } from "./labels";
import { metrics } from "./registry";

/**
 * The hooks shared code calls: one line each, cheap (in-memory counters), and never throwing into
 * the caller — a metrics bug must not fail a request or a delivery.
 */

type RouteContext = { params?: Promise<Record<string, string | string[] | undefined>> } | undefined;

const SEND_ROUTES: Record<string, "send" | "resend"> = { "/api/v1/otp/send": "send", "/api/v1/otp/resend": "resend" };
const VERIFY_ROUTE = "/api/v1/otp/verify";

/** Call as a request starts; call what it returns with the response. */
export function observeApiRequest(request: Request, route: unknown): (response: Response) => void {
  const started = performance.now();
  return (response) => {
    void record(request, route as RouteContext, response, (performance.now() - started) / 1000).catch(() => {});
  };
}

async function record(request: Request, route: RouteContext, response: Response, seconds: number): Promise<void> {
  const m = metrics();
  const template = routeTemplate(new URL(request.url).pathname, (await route?.params) ?? {});
  const method = request.method;
  m.httpRequests.inc({ route: template, method, status: String(response.status) });
  m.httpDuration.observe({ route: template, method }, seconds);

  const sendKind = SEND_ROUTES[template];
  if (!sendKind && template !== VERIFY_ROUTE) return;
  if (method !== "POST" || response.status === 405) return;
  let outcome = sendKind ? "accepted" : "approved";
  if (response.status >= 400) {
    // Refusals are problem+json with a stable code; read from a copy, after the response is made.
    const body = (await response.clone().json().catch(() => null)) as { code?: unknown } | null;
    outcome = outcomeLabel(body?.code);
  }
  if (sendKind) m.sends.inc({ kind: sendKind, outcome });
  else m.verifies.inc({ outcome });
}

export function recordDeliveryOutcome(
  provider: string,
  channel: string,
  outcome: { result: { status: string } } | { error: { code: string; retryable: boolean } },
): void {
  try {
    metrics().deliveries.inc({ provider, channel, outcome: deliveryOutcomeLabel(outcome) });
  } catch {}
}

export function recordVerifyHint(result: "hit" | "miss"): void {
  try {
    metrics().verifyHints.inc({ result });
  } catch {}
}

export function recordJobFailure(queue: string): void {
  try {
    metrics().jobFailures.inc({ queue });
  } catch {}
}

/** For a promise's catch: counts the rate-limit store's failure and passes the error on. */
export function recordLimiterError(error: unknown): never {
  try {
    metrics().limiterErrors.inc();
  } catch {}
  throw error;
}
