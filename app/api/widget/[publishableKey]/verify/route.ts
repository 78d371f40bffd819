import { json } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/body";
import { widgetVerifySchema } from "@/lib/widget/schemas";
import { widgetVerify } from "@/lib/widget/widget-otp";
import { widgetPreflight, widgetRoute } from "@/lib/widget/widget-route";

export const POST = widgetRoute(async ({ request, widget, limits, ip }) => {
  const input = await readJsonBody(request, widgetVerifySchema);
  return json(await widgetVerify({ widget, limits, ip }, input));
});
export const OPTIONS = widgetPreflight();
