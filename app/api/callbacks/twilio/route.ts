import { guardCallback } from "@/lib/delivery/callbacks/callback-guard";
import { handleTwilioCallback } from "@/lib/delivery/callbacks/twilio-callback";

/** Twilio delivery receipts (StatusCallback): per-IP budget and body cap first (callback-guard.ts). */
export async function POST(request: Request): Promise<Response> {
  const guarded = await guardCallback(request);
  if (!guarded.ok) return guarded.response;
  const url = new URL(request.url);
  const status = await handleTwilioCallback({
    pathAndQuery: url.pathname + url.search,
    rawBody: guarded.text,
    signature: request.headers.get("x-twilio-signature"),
  });
  return new Response(null, { status });
}
