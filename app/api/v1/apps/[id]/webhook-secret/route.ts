import { keyActor } from "@/lib/audit/actor";
import { apiRoute, json, methodNotAllowed, options } from "@/lib/http/api-route";
import { getWebhookSecret } from "@/lib/webhooks/get-webhook-secret";
import { rollWebhookSecret } from "@/lib/webhooks/roll-webhook-secret";

export const GET = apiRoute<{ id: string }>(async ({ params, principal }) => {
  return json(await getWebhookSecret(principal, params.id));
});

export const POST = apiRoute<{ id: string }>(async ({ params, principal, ip }) => {
  return json(await rollWebhookSecret(principal, params.id, keyActor(principal, ip)));
});

export const PUT = methodNotAllowed(["GET", "POST"]);
export const PATCH = PUT;
export const DELETE = PUT;
export const OPTIONS = options(["GET", "POST"]);
