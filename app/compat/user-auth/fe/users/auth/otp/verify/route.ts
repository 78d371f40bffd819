import { userAuthStyle } from "@/lib/compat/user-auth/style";
import { methodNotAllowed, options } from "@/lib/http/api-route";

export { verifyUserAuth as POST } from "@/lib/compat/user-auth/handlers";

// Other methods: a 405 naming POST, in this style's own error shape.
export const GET = methodNotAllowed(["POST"], userAuthStyle.errorResponse);
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
export const OPTIONS = options(["POST"], userAuthStyle.errorResponse);
