import { bodyFirstRoute, json, methodNotAllowed, options } from "@/lib/http/api-route";
import { verifyOtpSchema } from "@/lib/otp/schemas";
import { readHintFor, verifyOtp } from "@/lib/otp/verify-otp";

// The body first: the verification's hint is read in the round trip of the key's own limit.
export const POST = bodyFirstRoute(verifyOtpSchema, readHintFor, async ({ input, early, principal, limits, ip }) =>
  json(await verifyOtp(principal, input, limits, { ip }, early ?? null)),
);

export const GET = methodNotAllowed(["POST"]);
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
export const OPTIONS = options(["POST"]);
