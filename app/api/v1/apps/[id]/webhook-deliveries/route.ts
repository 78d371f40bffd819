import { apiRoute, json, methodNotAllowed, options } from "@/lib/http/api-route";
import { readQuery } from "@/lib/http/body";
import { listWebhookDeliveries } from "@/lib/webhooks/list-webhook-deliveries";
import { webhookDeliveriesQuerySchema } from "@/lib/webhooks/schemas";

export const GET = apiRoute<{ id: string }>(async ({ request, params, principal }) => {
  const query = readQuery(request, webhookDeliveriesQuerySchema);
  return json(await listWebhookDeliveries(principal, params.id, query));
});

export const POST = methodNotAllowed(["GET"]);
export const PUT = POST;
export const PATCH = POST;
export const DELETE = POST;
export const OPTIONS = options(["GET"]);
