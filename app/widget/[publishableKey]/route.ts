import { widgetAssetUrls } from "@/lib/widget/assets";
import { chooseWidgetLocale } from "@/lib/widget/choose-locale";
import { CATALOGUES, RTL_LOCALES } from "@/lib/widget/locales";
import { widgetPageHeaders } from "@/lib/widget/page-headers";
import { buildPageModel } from "@/lib/widget/page-model";
import { renderUnavailablePage, renderWidgetPage } from "@/lib/widget/render-page";
import { findWidgetApp } from "@/lib/widget/widget-app";

/**
 * `/widget/{publishableKey}?locale=&phone=&nonce=&theme=&origin=`: the hosted widget page
 * (CONTRACT §8), rendered on the server as plain HTML with its own CSP. `origin` is the embedding
 * page's origin, which the loader passes; it counts only when it is in the app's allowedOrigins.
 */
export async function GET(request: Request, route: { params: Promise<{ publishableKey: string }> }): Promise<Response> {
  const { publishableKey } = await route.params;
  const query = new URL(request.url).searchParams;
  const acceptLanguage = request.headers.get("accept-language");
  const widget = await findWidgetApp(publishableKey);
  const assets = widgetAssetUrls();
  if (!widget) {
    const locale = chooseWidgetLocale({ requested: query.get("locale"), acceptLanguage });
    const html = renderUnavailablePage(CATALOGUES[locale]!, locale, RTL_LOCALES.has(locale) ? "rtl" : "ltr", assets.style);
    return new Response(html, { status: 404, headers: widgetPageHeaders(null) });
  }
  const model = buildPageModel(
    widget.app,
    publishableKey,
    {
      locale: query.get("locale"),
      phone: query.get("phone"),
      nonce: query.get("nonce"),
      theme: query.get("theme"),
      origin: query.get("origin"),
    },
    acceptLanguage,
  );
  return new Response(renderWidgetPage(model, assets), { headers: widgetPageHeaders(widget.app) });
}
