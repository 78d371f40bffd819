import type { Catalogue } from "./locales";
import type { WidgetPageModel } from "./page-model";

/**
 * The widget page as one server-rendered HTML document: no framework runtime in the browser, one
 * small script and one stylesheet (public/widget/), the texts and settings in a JSON data block.
 */
export function renderWidgetPage(model: WidgetPageModel, assets: { script: string; style: string }): string {
  const t = model.texts;
  // Any alphabet with letters takes text input; only upper-case-only ones may be auto-capitalised.
  const alphanumeric = model.alphabet !== "numeric";
  const upperCaseOnly = !/MixedCase$/.test(model.alphabet);
  const country = model.countries.find((c) => c.code === model.defaultCountry);
  const config = {
    key: model.publishableKey,
    locale: model.locale,
    parentOrigin: model.parentOrigin,
    nonce: model.nonce,
    codeLength: model.codeLength,
    alphabet: model.alphabet,
    texts: t,
  };
  const channelChoice =
    model.channels.length > 1
      ? `<fieldset class="channels"><legend>${esc(t.channelLabel)}</legend>${model.channels
          .map(
            (channel, index) =>
              `<label class="chip"><input type="radio" name="channel" value="${esc(channel)}"${index === 0 ? " checked" : ""}><span>${esc(
                channel === "whatsapp" ? t.channelWhatsapp : t.channelSms,
              )}</span></label>`,
          )
          .join("")}</fieldset>`
      : "";

  return `<!doctype html>
<html lang="${esc(model.locale)}" dir="${model.dir}" data-theme="${model.theme}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="${model.theme === "auto" ? "light dark" : model.theme}">
<meta name="referrer" content="no-referrer">
<title>${esc(t.title)} · ${esc(model.appName)}</title>
<link rel="stylesheet" href="${esc(assets.style)}">
<script src="${esc(assets.script)}" defer></script>
</head>
<body>
<main class="card" id="widget">
<div class="head">
<div class="badge" aria-hidden="true">${ICON_PHONE}</div>
<h1 id="title" tabindex="-1">${esc(t.title)}</h1>
<p class="sub" id="subtitle">${esc(t.subtitle)}</p>
</div>
<form id="step-phone" class="step" novalidate>
<label class="label" for="phone">${esc(t.phoneLabel)}</label>
<div class="phone-row" dir="ltr">
<div class="country">
<span class="country-face" id="country-face" aria-hidden="true"><b>${esc(country?.code ?? "")}</b> +${esc(country?.callingCode ?? "")}</span>
<label class="sr-only" for="country">${esc(t.countryLabel)}</label>
<select id="country" name="country" autocomplete="country">${model.countries
    .map(
      (c) =>
        `<option value="${c.code}" data-cc="${c.callingCode}" data-ex="${esc(c.example)}"${c.code === model.defaultCountry ? " selected" : ""}>${esc(c.name)} (+${c.callingCode})</option>`,
    )
    .join("")}</select>
</div>
<input id="phone" name="phone" type="tel" autocomplete="tel" inputmode="tel" dir="ltr" required maxlength="64" value="${esc(model.phone)}" placeholder="${esc(country?.example ?? "")}" aria-describedby="phone-error">
</div>
${channelChoice}
<p class="error" id="phone-error" role="alert"></p>
<button class="primary" type="submit" id="send">${esc(t.send)}</button>
</form>
<form id="step-code" class="step" novalidate hidden>
<p class="sent-to" id="sent-to"></p>
<label class="label" for="code" id="code-label">${esc(fill(alphanumeric ? t.codeLabel : t.codeLabelDigits, { length: String(model.codeLength) }))}</label>
<input id="code" name="code" class="code" type="text" autocomplete="one-time-code" inputmode="${alphanumeric ? "text" : "numeric"}"${
    alphanumeric ? (upperCaseOnly ? ' autocapitalize="characters"' : ' autocapitalize="off"') : ' pattern="[0-9]*"'
  } dir="ltr" spellcheck="false" maxlength="${model.codeLength + 8}" placeholder="${"•".repeat(model.codeLength)}" aria-describedby="code-error">
<p class="error" id="code-error" role="alert"></p>
<button class="primary" type="submit" id="verify">${esc(t.verify)}</button>
<div class="row">
<button class="link" type="button" id="change">${esc(t.changeNumber)}</button>
<span class="countdown" id="countdown"></span>
<button class="link" type="button" id="resend" hidden>${esc(t.resend)}</button>
</div>
<p class="sr-only" id="status" role="status"></p>
</form>
<div id="step-done" class="step done" hidden>
<div class="check" aria-hidden="true">${ICON_CHECK}</div>
<p class="done-body" id="done-body"></p>
</div>
<p class="foot">${ICON_LOCK}<span>${esc(t.securedBy)}</span></p>
</main>
<script type="application/json" id="otpilot-config">${jsonForHtml(config)}</script>
</body>
</html>`;
}

/** The page for an unknown or revoked publishable key. */
export function renderUnavailablePage(texts: Catalogue, locale: string, dir: string, style: string): string {
  return `<!doctype html>
<html lang="${esc(locale)}" dir="${dir}" data-theme="auto">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light dark">
<title>${esc(texts.errNotAvailable)}</title><link rel="stylesheet" href="${esc(style)}"></head>
<body><main class="card"><div class="head"><div class="badge" aria-hidden="true">${ICON_PHONE}</div><h1>${esc(texts.errNotAvailable)}</h1></div></main></body>
</html>`;
}

export function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (match, name: string) => values[name] ?? match);
}

function esc(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// JSON inside <script type="application/json">: "<" escaped so no text can close the element.
function jsonForHtml(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

const svg = (body: string, size = 20) =>
  `<svg width="${size}" height="${size}" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" focusable="false">${body}</svg>`;
const ICON_PHONE = svg('<rect x="6" y="2" width="12" height="20" rx="2.5"/><path d="M11 18h2"/><path d="m9.5 10.5 1.8 1.8 3.2-3.6"/>', 22);
const ICON_CHECK = svg('<path d="M20 6 9 17l-5-5"/>', 28);
const ICON_LOCK = svg('<rect x="4" y="11" width="16" height="10" rx="2"/><path d="M8 11V7a4 4 0 0 1 8 0v4"/>', 13);
