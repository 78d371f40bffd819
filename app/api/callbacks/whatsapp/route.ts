import { guardCallback } from "@/lib/delivery/callbacks/callback-guard";
import { answerWhatsAppHandshake, handleWhatsAppCallback } from "@/lib/delivery/callbacks/whatsapp-callback";

/** Meta's webhook subscription handshake (`?app=app_…` required). */
export async function GET(request: Request): Promise<Response> {
  const guarded = await guardCallback(request);
  if (!guarded.ok) return guarded.response;
  const { status, body } = await answerWhatsAppHandshake(new URL(request.url).searchParams);
  return new Response(body, { status, headers: { "Content-Type": "text/plain" } });
}

/** WhatsApp message status webhooks: per-IP budget and body cap first (callback-guard.ts). */
export async function POST(request: Request): Promise<Response> {
  const guarded = await guardCallback(request);
  if (!guarded.ok) return guarded.response;
  const status = await handleWhatsAppCallback({
    rawBody: guarded.text,
    signature: request.headers.get("x-hub-signature-256"),
    appId: new URL(request.url).searchParams.get("app"),
  });
  return new Response(null, { status });
}
