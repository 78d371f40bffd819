import { listOutbox } from "@/lib/delivery/outbox";
import { outboxQuerySchema } from "@/lib/delivery/outbox-query";
import { apiRoute, json, methodNotAllowed, options } from "@/lib/http/api-route";
import { readQuery } from "@/lib/http/body";
import { ApiError } from "@/lib/http/errors";
import { resolveRecipient } from "@/lib/otp/resolve-target";

export const GET = apiRoute(async ({ request, principal }) => {
  if (principal.mode !== "test") {
    throw new ApiError("forbidden", "The outbox holds test-mode messages: read it with a test key (otpsk_test_…).");
  }
  const { recipient, limit } = readQuery(request, outboxQuerySchema);
  const to = recipient === undefined ? undefined : resolveRecipient({ recipient }).e164;
  return json({ data: await listOutbox(principal, { recipient: to, limit }) });
});

export const POST = methodNotAllowed(["GET"]);
export const PUT = POST;
export const PATCH = POST;
export const DELETE = POST;
export const OPTIONS = options(["GET"]);
