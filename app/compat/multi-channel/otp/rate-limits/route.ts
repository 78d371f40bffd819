import { multiChannelStyle } from "@/lib/compat/multi-channel/style";
import { methodNotAllowed, options } from "@/lib/http/api-route";

export { rateLimitsMultiChannel as GET } from "@/lib/compat/multi-channel/handlers";

// Other methods: a 405 naming GET, in this style's own error shape.
export const POST = methodNotAllowed(["GET"], multiChannelStyle.errorResponse);
export const PUT = POST;
export const PATCH = POST;
export const DELETE = POST;
export const OPTIONS = options(["GET"], multiChannelStyle.errorResponse);
