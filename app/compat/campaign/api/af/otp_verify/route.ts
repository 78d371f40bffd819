import { campaignStyle } from "@/lib/compat/campaign/style";
import { methodNotAllowed, options } from "@/lib/http/api-route";

export { verifyCampaignOtp as POST } from "@/lib/compat/campaign/handlers";

// Other methods: a 405 naming POST, in this style's own error shape.
export const GET = methodNotAllowed(["POST"], campaignStyle.errorResponse);
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
export const OPTIONS = options(["POST"], campaignStyle.errorResponse);
