import { z } from "zod";
import { channelSchema } from "@/lib/apps/settings";

/**
 * Request bodies of the templates API (CONTRACT §4b). The body's own rules ({{code}} present,
 * known variables, SMS segments) depend on the channel, which a PATCH may leave out: the use cases
 * check them with assertValidTemplate once the channel is known.
 */

/** A BCP 47 tag, stored in its canonical form ("pt-br" → "pt-BR") so one locale has one spelling. */
export const templateLocaleSchema = z
  .string()
  .max(35)
  .regex(/^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/, 'a BCP 47 tag such as "en" or "pt-BR"')
  .transform((locale, ctx) => {
    try {
      return Intl.getCanonicalLocales(locale.replace(/_/g, "-"))[0]!;
    } catch {
      ctx.addIssue({ code: "custom", message: 'a BCP 47 tag such as "en" or "pt-BR"' });
      return z.NEVER;
    }
  })
  .describe('BCP 47 language tag, e.g. "en" or "pt-BR"');

const templateBody = z
  .string()
  .max(4096)
  // The pattern documents the rule validate-template.ts enforces: {{code}} must be in the text.
  .meta({
    description: "the message text; variables {{code}} (required), {{app}}, {{name}}, {{ttlMinutes}}",
    pattern: "\\{\\{\\s*code\\s*\\}\\}",
  });

export const createTemplateSchema = z.strictObject({
  channel: channelSchema,
  locale: templateLocaleSchema,
  body: templateBody,
});

export const updateTemplateSchema = z
  .strictObject({ channel: channelSchema, locale: templateLocaleSchema, body: templateBody })
  .partial()
  .refine((input) => Object.keys(input).length > 0, "give at least one of `channel`, `locale`, `body`");

export const previewTemplateSchema = z.strictObject({
  channel: channelSchema,
  locale: templateLocaleSchema
    .optional()
    .describe("the locale to preview; default: the app's default locale"),
  body: templateBody.optional().describe("a body to preview before saving it"),
  templateId: z.string().max(64).optional().describe("a saved template of the app to preview"),
  name: z.string().trim().min(1).max(100).optional().describe("a sample recipient name for {{name}}"),
});

export type CreateTemplateInput = z.infer<typeof createTemplateSchema>;
export type UpdateTemplateInput = z.infer<typeof updateTemplateSchema>;
export type PreviewTemplateInput = z.infer<typeof previewTemplateSchema>;
