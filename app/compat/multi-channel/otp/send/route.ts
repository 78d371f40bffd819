import { multiChannelStyle } from "@/lib/compat/multi-channel/style";
import { methodNotAllowed, options } from "@/lib/http/api-route";

export { sendMultiChannel as POST } from "@/lib/compat/multi-channel/handlers";

// Other methods: a 405 naming POST, in this style's own error shape.
export const GET = methodNotAllowed(["POST"], multiChannelStyle.errorResponse);
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
export const OPTIONS = options(["POST"], multiChannelStyle.errorResponse);
