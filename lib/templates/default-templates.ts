/**
 * Built-in message templates, used when an app has none of its own for a channel and locale.
 *
 * Every SMS ends with the WebOTP line `@host #code` on its own last line, which lets browsers
 * (and Android's SMS Retriever) offer the code for autofill on the site at `host`.
 */
// Every SMS text fits one segment with the WebOTP line and a 30-character host
// (tests/unit/templates/default-templates.test.ts computes it): GSM-7 texts (160 characters, so
// Spanish, Portuguese and Turkish do without the letters GSM-7 lacks, as their OTP texts commonly
// do) and, for scripts that need UCS-2 (70 characters), a short SMS text; WhatsApp is not billed
// per segment and gets the full sentence.
const MESSAGES: Record<string, { whatsapp: string; sms?: string }> = {
  en: { whatsapp: "Your {{app}} code is {{code}}. It expires in {{ttlMinutes}} minutes. Do not share it." },
  es: {
    whatsapp: "Tu código de {{app}} es {{code}}. Caduca en {{ttlMinutes}} minutos. No lo compartas con nadie.",
    sms: "Tu clave de {{app}} es {{code}}. Vence en {{ttlMinutes}} minutos. No la compartas con nadie.",
  },
  "pt-BR": {
    whatsapp: "Seu código {{app}} é {{code}}. Ele expira em {{ttlMinutes}} minutos. Não o compartilhe com ninguém.",
    sms: "{{app}}: use {{code}} para verificar. Expira em {{ttlMinutes}} minutos. Nunca o compartilhe.",
  },
  fr: { whatsapp: "Votre code {{app}} est {{code}}. Il expire dans {{ttlMinutes}} minutes. Ne le partagez avec personne." },
  de: { whatsapp: "Ihr {{app}}-Code lautet {{code}}. Er läuft in {{ttlMinutes}} Minuten ab. Geben Sie ihn nicht weiter." },
  it: { whatsapp: "Il tuo codice {{app}} è {{code}}. Scade tra {{ttlMinutes}} minuti. Non condividerlo con nessuno." },
  hi: {
    whatsapp: "आपका {{app}} कोड {{code}} है। यह {{ttlMinutes}} मिनट में समाप्त हो जाएगा। इसे किसी के साथ साझा न करें।",
    sms: "{{app}} कोड: {{code}}",
  },
  id: {
    whatsapp: "Kode {{app}} Anda adalah {{code}}. Berlaku selama {{ttlMinutes}} menit. Jangan berikan kode ini kepada siapa pun.",
    sms: "Kode {{app}} Anda: {{code}}. Berlaku {{ttlMinutes}} menit. Jangan berikan kepada siapa pun.",
  },
  ar: {
    whatsapp: "رمز {{app}} الخاص بك هو {{code}}. تنتهي صلاحيته خلال {{ttlMinutes}} دقائق. لا تشاركه مع أحد.",
    sms: "رمز {{app}}: {{code}}",
  },
  tr: {
    whatsapp: "{{app}} doğrulama kodunuz: {{code}}. {{ttlMinutes}} dakika geçerlidir. Kimseyle paylaşmayın.",
    sms: "{{app}} kodunuz: {{code}}. {{ttlMinutes}} dakika gecerlidir. Kimseyle paylasmayin.",
  },
  he: {
    whatsapp: "קוד {{app}} שלך הוא {{code}}. הוא יפוג בעוד {{ttlMinutes}} דקות. אין לשתף אותו עם אף אחד.",
    sms: "קוד {{app}}: {{code}}",
  },
  nl: { whatsapp: "Je {{app}}-code is {{code}}. Deze verloopt over {{ttlMinutes}} minuten. Deel hem met niemand." },
};

/** The locales that have built-in templates on every channel. */
export const DEFAULT_LOCALES = Object.keys(MESSAGES);

/**
 * The built-in template for a channel and locale (en for a locale without one: pass a locale
 * that resolveLocale chose). `webOtpHost` is the hostname of the server's base URL, e.g.
 * `new URL(baseUrl()).hostname`.
 */
export function defaultTemplate(channel: "sms" | "whatsapp", locale: string, webOtpHost: string): string {
  const message = MESSAGES[locale] ?? MESSAGES.en!;
  return channel === "sms" ? `${message.sms ?? message.whatsapp}\n\n@${webOtpHost} #{{code}}` : message.whatsapp;
}
