import { chatOtpStyle } from "@/lib/compat/chat-otp/style";
import { methodNotAllowed, options } from "@/lib/http/api-route";

export { getChatOtp as GET } from "@/lib/compat/chat-otp/handlers";

// Other methods: a 405 naming GET, in this style's own error shape.
export const POST = methodNotAllowed(["GET"], chatOtpStyle.errorResponse);
export const PUT = POST;
export const PATCH = POST;
export const DELETE = POST;
export const OPTIONS = options(["GET"], chatOtpStyle.errorResponse);
