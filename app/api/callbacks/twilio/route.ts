import { handleTwilioCallback } from "@/lib/delivery/callbacks/twilio-callback";

/** Twilio delivery receipts (StatusCallback). */
export async function POST(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const status = await handleTwilioCallback({
    pathAndQuery: url.pathname + url.search,
    rawBody: await request.text(),
    signature: request.headers.get("x-twilio-signature"),
  });
  return new Response(null, { status });
}
