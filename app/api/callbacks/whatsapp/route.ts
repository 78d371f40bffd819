import { answerWhatsAppHandshake, handleWhatsAppCallback } from "@/lib/delivery/callbacks/whatsapp-callback";

/** Meta's webhook subscription handshake. */
export async function GET(request: Request): Promise<Response> {
  const { status, body } = await answerWhatsAppHandshake(new URL(request.url).searchParams);
  return new Response(body, { status, headers: { "Content-Type": "text/plain" } });
}

/** WhatsApp message status webhooks. */
export async function POST(request: Request): Promise<Response> {
  const status = await handleWhatsAppCallback({ rawBody: await request.text(), signature: request.headers.get("x-hub-signature-256") });
  return new Response(null, { status });
}
