import { json } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/body";
import { widgetResendSchema } from "@/lib/widget/schemas";
import { widgetResend } from "@/lib/widget/widget-otp";
import { widgetPreflight, widgetRoute } from "@/lib/widget/widget-route";

export const POST = widgetRoute(async ({ request, widget, limits, ip }) => {
  const input = await readJsonBody(request, widgetResendSchema);
  return json(await widgetResend({ widget, limits, ip }, input));
});
export const OPTIONS = widgetPreflight();
