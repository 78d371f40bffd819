import { webhookDeliveriesQuerySchema, webhookSecretResponseSchema } from "@/lib/webhooks/schemas";
import type { ApiOperation } from "../registry";
import { listOf, webhookDeliveryObject } from "../schemas";

const appId = { id: "the app id (`app_…`)" };

export const webhookOperations: ApiOperation[] = [
  {
    method: "get",
    path: "/api/v1/apps/{id}/webhook-secret",
    operationId: "getWebhookSecret",
    tag: "Apps",
    summary: "Read the webhook signing secret",
    description: "The `whsec_…` secret that signs the app's webhooks (Standard Webhooks).",
    pathParams: appId,
    response: { status: 200, description: "The secret.", schema: webhookSecretResponseSchema },
    errors: ["forbidden", "not_found"],
  },
  {
    method: "post",
    path: "/api/v1/apps/{id}/webhook-secret",
    operationId: "rollWebhookSecret",
    tag: "Apps",
    summary: "Roll the webhook signing secret",
    description:
      "A new secret; the replaced one keeps signing too for 24 hours, so receivers can switch without gaps.",
    pathParams: appId,
    response: { status: 200, description: "The new secret.", schema: webhookSecretResponseSchema },
    errors: ["forbidden", "not_found"],
  },
  {
    method: "get",
    path: "/api/v1/apps/{id}/webhook-deliveries",
    operationId: "listWebhookDeliveries",
    tag: "Apps",
    summary: "List webhook deliveries",
    description: "The app's webhook deliveries and their state, newest first.",
    pathParams: appId,
    query: webhookDeliveriesQuerySchema,
    response: {
      status: 200,
      description: "A page of deliveries.",
      schema: listOf(webhookDeliveryObject, true),
    },
    errors: ["forbidden", "not_found"],
  },
];
