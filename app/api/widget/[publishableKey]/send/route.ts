import { json } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/body";
import { widgetSendSchema } from "@/lib/widget/schemas";
import { widgetSend } from "@/lib/widget/widget-otp";
import { widgetPreflight, widgetRoute } from "@/lib/widget/widget-route";

export const POST = widgetRoute(async ({ request, widget, limits, ip }) => {
  const input = await readJsonBody(request, widgetSendSchema);
  return json(await widgetSend({ widget, limits, ip }, input), 201);
});
export const OPTIONS = widgetPreflight();
