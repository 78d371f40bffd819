import { readBodyCapped } from "@/lib/http/body";
import { clientIp } from "@/lib/http/client-ip";
import { logger } from "@/lib/log";
import { checkLimits } from "@/lib/rate-limit/limiter";
import { limitIds } from "@/lib/rate-limit/policies";

/**
 * Provider callbacks (Twilio, Meta) are the only unauthenticated POSTs that change state, so they are
 * bounded before anything else: a body over this size answers 413 without being read further (real
 * receipts are 1–3 KB; Meta batches a few statuses), and each client IP has a request budget
 * (`callbacksPerIp`) checked before any database work.
 */
export const CALLBACK_MAX_BODY_BYTES = 64 * 1024;

export type CallbackBody = { ok: true; text: string } | { ok: false; response: Response };

/** The per-IP budget, then the body (capped while streaming, whatever Content-Length claims). */
export async function guardCallback(request: Request): Promise<CallbackBody> {
  const ip = clientIp(request.headers);
  try {
    const limits = await checkLimits([{ policy: "callbacksPerIp", id: limitIds.clientIp(ip) }]);
    if (!limits.ok) {
      return {
        ok: false,
        response: new Response(null, {
          status: 429,
          headers: { "Retry-After": String(limits.failed.retryAfterSeconds) },
        }),
      };
    }
  } catch (error) {
    // The limiter's store is down: refuse (the provider retries later) rather than run unbounded.
    logger.warn({ err: error }, "callback rate limit unavailable");
    return { ok: false, response: new Response(null, { status: 503, headers: { "Retry-After": "5" } }) };
  }
  const bytes = await readBodyCapped(request, CALLBACK_MAX_BODY_BYTES);
  if (bytes === null) return { ok: false, response: new Response(null, { status: 413 }) };
  return { ok: true, text: bytes.toString("utf8") };
}
