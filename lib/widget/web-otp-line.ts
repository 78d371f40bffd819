import { baseUrl } from "@/lib/config/env";

// The origin-bound one-time code line: `@host #code`, optionally followed by ` @iframe-host`.
const WEB_OTP_LINE = /^@[^\s#@]+ #\S+( @[^\s#@]+)?$/;

/**
 * For an SMS of a verification the widget started on an embedding page, the last line in the
 * cross-origin iframe form of the WebOTP / origin-bound one-time codes format:
 * `@<embedding page host> #<code> @<OTPilot host>` — the top-level site first, then the iframe's,
 * so that `navigator.credentials.get({otp})` inside the widget's iframe receives the code. An
 * existing WebOTP line (the built-in templates end with `@<OTPilot host> #<code>`) is replaced;
 * otherwise the line is appended. Other messages are returned unchanged.
 */
export function withWidgetWebOtpLine(body: string, input: { code: string; widgetOrigin: string | null }): string {
  if (!input.widgetOrigin) return body;
  let topHost: string;
  try {
    topHost = new URL(input.widgetOrigin).hostname;
  } catch {
    return body;
  }
  const line = `@${topHost} #${input.code} @${new URL(baseUrl()).hostname}`;
  const lines = body.replace(/\s+$/, "").split("\n");
  if (WEB_OTP_LINE.test(lines[lines.length - 1]!.trim())) lines.pop();
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === "") lines.pop();
  return `${lines.join("\n")}\n\n${line}`;
}
