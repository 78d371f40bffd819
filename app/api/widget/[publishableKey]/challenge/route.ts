import { json } from "@/lib/http/api-route";
import { issueChallenge } from "@/lib/widget/proof-of-work";
import { widgetPreflight, widgetRoute } from "@/lib/widget/widget-route";

export const POST = widgetRoute(async ({ widget }) => json(await issueChallenge(widget.app.id)));
export const OPTIONS = widgetPreflight();
