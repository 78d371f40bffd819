import { configOtpStyle } from "@/lib/compat/config-otp/style";
import { methodNotAllowed, options } from "@/lib/http/api-route";

export { verifyConfigOtp as POST } from "@/lib/compat/config-otp/handlers";

// Other methods: a 405 naming POST, in this style's own error shape.
export const GET = methodNotAllowed(["POST"], configOtpStyle.errorResponse);
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
export const OPTIONS = options(["POST"], configOtpStyle.errorResponse);
