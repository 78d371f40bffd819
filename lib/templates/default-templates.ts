/**
 * Built-in message templates, used when an app has none of its own for a channel and locale.
 *
 * Every SMS ends with the WebOTP line `@host #code` on its own last line, which lets browsers
 * (and Android's SMS Retriever) offer the code for autofill on the site at `host`.
 */
const MESSAGES = {
  en: "Your {{app}} code is {{code}}. It expires in {{ttlMinutes}} minutes. Do not share it.",
  es: "Tu código de {{app}} es {{code}}. Caduca en {{ttlMinutes}} minutos. No lo compartas con nadie.",
  "pt-BR":
    "Seu código {{app}} é {{code}}. Ele expira em {{ttlMinutes}} minutos. Não o compartilhe com ninguém.",
  fr: "Votre code {{app}} est {{code}}. Il expire dans {{ttlMinutes}} minutes. Ne le partagez avec personne.",
  de: "Ihr {{app}}-Code lautet {{code}}. Er läuft in {{ttlMinutes}} Minuten ab. Geben Sie ihn nicht weiter.",
  it: "Il tuo codice {{app}} è {{code}}. Scade tra {{ttlMinutes}} minuti. Non condividerlo con nessuno.",
  hi: "आपका {{app}} कोड {{code}} है। यह {{ttlMinutes}} मिनट में समाप्त हो जाएगा। इसे किसी के साथ साझा न करें।",
  id: "Kode {{app}} Anda adalah {{code}}. Berlaku selama {{ttlMinutes}} menit. Jangan berikan kode ini kepada siapa pun.",
  ar: "رمز {{app}} الخاص بك هو {{code}}. تنتهي صلاحيته خلال {{ttlMinutes}} دقائق. لا تشاركه مع أحد.",
  tr: "{{app}} doğrulama kodunuz: {{code}}. {{ttlMinutes}} dakika geçerlidir. Kimseyle paylaşmayın.",
  he: "קוד {{app}} שלך הוא {{code}}. הוא יפוג בעוד {{ttlMinutes}} דקות. אין לשתף אותו עם אף אחד.",
  nl: "Je {{app}}-code is {{code}}. Deze verloopt over {{ttlMinutes}} minuten. Deel hem met niemand.",
} as const;

export type DefaultLocale = keyof typeof MESSAGES;

/** The locales that have built-in templates on every channel. */
export const DEFAULT_LOCALES = Object.keys(MESSAGES) as DefaultLocale[];

/**
 * The built-in template for a channel and locale (en for a locale without one: pass a locale
 * that resolveLocale chose). `webOtpHost` is the hostname of the server's base URL, e.g.
 * `new URL(baseUrl()).hostname`.
 */
export function defaultTemplate(channel: "sms" | "whatsapp", locale: string, webOtpHost: string): string {
  const message = MESSAGES[locale as DefaultLocale] ?? MESSAGES.en;
  return channel === "sms" ? `${message}\n\n@${webOtpHost} #{{code}}` : message;
}
