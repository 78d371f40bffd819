import { apiRoute, json, methodNotAllowed } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/body";
import { redeemToken } from "@/lib/tokens/redeem-token";
import { verifyTokenSchema } from "@/lib/tokens/schemas";

export const POST = apiRoute(async ({ request, principal }) => {
  const input = await readJsonBody(request, verifyTokenSchema);
  return json(await redeemToken(principal, input));
});

export const GET = methodNotAllowed(["POST"]);
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
