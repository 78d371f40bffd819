import { SegmentedMessage } from "sms-segments-calculator";
import { renderTemplate } from "./render-template";
import { PLACEHOLDER, TEMPLATE_VARIABLES, isTemplateVariable } from "./variables";

export type TemplateProblem = {
  code: "empty" | "missing_code" | "unknown_variable" | "malformed_braces" | "too_long";
  message: string;
};

/** More SMS segments than this costs the tenant too much per code and arrives late. */
export const MAX_SMS_SEGMENTS = 4;
/** WhatsApp's limit on a message template's body. */
export const MAX_WHATSAPP_LENGTH = 1024;

// Values as long as they plausibly get, to judge length before the real ones are known.
const LONGEST_VARS = { code: "X".repeat(10), app: "A".repeat(30), name: "N".repeat(30), ttlMinutes: 1440 };

/** Everything wrong with a template body; empty when it can be saved. */
export function validateTemplate(body: string, channel: "sms" | "whatsapp"): TemplateProblem[] {
  if (body.trim() === "") return [{ code: "empty", message: "The template body is empty." }];
  const problems: TemplateProblem[] = [];
  const names = [...body.matchAll(PLACEHOLDER)].map((match) => match[1]!);

  if (!names.includes("code")) {
    problems.push({ code: "missing_code", message: "The template must contain {{code}}." });
  }
  for (const name of new Set(names.filter((n) => !isTemplateVariable(n)))) {
    const meant = TEMPLATE_VARIABLES.find((known) => known.toLowerCase() === name.toLowerCase());
    problems.push({
      code: "unknown_variable",
      message: `Unknown variable {{${name}}}${meant ? ` (did you mean {{${meant}}}?)` : ""}: use ${TEMPLATE_VARIABLES.map((v) => `{{${v}}}`).join(", ")}.`,
    });
  }
  const leftover = body.replace(PLACEHOLDER, "");
  if (leftover.includes("{{") || leftover.includes("}}") || /\{{3}|\}{3}/.test(body)) {
    problems.push({
      code: "malformed_braces",
      message: "Unbalanced or malformed braces: write variables as {{name}}, with two braces on each side.",
    });
  }

  const longest = renderTemplate(body, LONGEST_VARS);
  if (channel === "sms") {
    const message = new SegmentedMessage(longest);
    if (message.segmentsCount > MAX_SMS_SEGMENTS) {
      problems.push({
        code: "too_long",
        message:
          `With long values the message takes ${message.segmentsCount} SMS segments (${message.encodingName}); ` +
          `at most ${MAX_SMS_SEGMENTS} are allowed. Shorten it` +
          (message.encodingName === "UCS-2" ? " or avoid characters outside the GSM-7 alphabet." : "."),
      });
    }
  } else if (longest.length > MAX_WHATSAPP_LENGTH) {
    problems.push({
      code: "too_long",
      message: `With long values the message has ${longest.length} characters; WhatsApp allows ${MAX_WHATSAPP_LENGTH}.`,
    });
  }
  return problems;
}
