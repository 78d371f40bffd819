import { apiRoute, json, methodNotAllowed, options } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/body";
import { resendOtp } from "@/lib/otp/resend-otp";
import { resendOtpSchema } from "@/lib/otp/schemas";

export const POST = apiRoute(async ({ request, principal, limits }) => {
  const input = await readJsonBody(request, resendOtpSchema);
  return json(await resendOtp(principal, input, limits));
});

export const GET = methodNotAllowed(["POST"]);
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
export const OPTIONS = options(["POST"]);
