import { apiRoute, methodNotAllowed, options } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/body";
import { withIdempotency } from "@/lib/http/idempotency";
import { sendOtpSchema } from "@/lib/otp/schemas";
import { sendOtp } from "@/lib/otp/send-otp";

export const POST = apiRoute(async ({ request, principal, limits }) => {
  const input = await readJsonBody(request, sendOtpSchema);
  return withIdempotency(
    { principal, key: request.headers.get("idempotency-key"), method: "POST", path: "/api/v1/otp/send", body: input },
    async () => ({ status: 201, body: await sendOtp(principal, input, limits) }),
  );
});

export const GET = methodNotAllowed(["POST"]);
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
export const OPTIONS = options(["POST"]);
