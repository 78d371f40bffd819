import { apiRoute, json, methodNotAllowed, options } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/body";
import { verifyOtpSchema } from "@/lib/otp/schemas";
import { verifyOtp } from "@/lib/otp/verify-otp";

export const POST = apiRoute(async ({ request, principal, limits, ip }) => {
  const input = await readJsonBody(request, verifyOtpSchema);
  return json(await verifyOtp(principal, input, limits, { ip }));
});

export const GET = methodNotAllowed(["POST"]);
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
export const OPTIONS = options(["POST"]);
