import { chatOtpStyle } from "@/lib/compat/chat-otp/style";
import { methodNotAllowed, options } from "@/lib/http/api-route";

export { validateChatOtp as POST } from "@/lib/compat/chat-otp/handlers";

// Other methods: a 405 naming POST, in this style's own error shape.
export const GET = methodNotAllowed(["POST"], chatOtpStyle.errorResponse);
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
export const OPTIONS = options(["POST"], chatOtpStyle.errorResponse);
