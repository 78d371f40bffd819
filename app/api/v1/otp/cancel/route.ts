import { apiRoute, json, methodNotAllowed, options } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/body";
import { cancelOtp } from "@/lib/otp/cancel-otp";
import { cancelOtpSchema } from "@/lib/otp/schemas";

export const POST = apiRoute(async ({ request, principal }) => {
  const { id } = await readJsonBody(request, cancelOtpSchema);
  return json(await cancelOtp(principal, id));
});

export const GET = methodNotAllowed(["POST"]);
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
export const OPTIONS = options(["POST"]);
