/** The variables a message template may use (CONTRACT §4b). */
export const TEMPLATE_VARIABLES = ["code", "app", "name", "ttlMinutes"] as const;

export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

export type TemplateVars = {
  code: string;
  /** the app's name */
  app: string;
  /** the recipient's name, when the send request gave one */
  name?: string;
  /** the code's lifetime in whole minutes */
  ttlMinutes: number;
};

/** A `{{ variable }}` placeholder; spaces inside the braces are allowed. */
export const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

export function isTemplateVariable(name: string): name is TemplateVariable {
  return (TEMPLATE_VARIABLES as readonly string[]).includes(name);
}
