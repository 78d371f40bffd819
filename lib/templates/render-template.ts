import { PLACEHOLDER, isTemplateVariable, type TemplateVars } from "./variables";

/**
 * Fills a template's placeholders in one pass, so a value that itself looks like a placeholder
 * (an app named "{{code}}") is never expanded. Unknown placeholders are left as written:
 * validateTemplate refuses them before a template is saved.
 */
export function renderTemplate(body: string, vars: TemplateVars): string {
  return body.replace(PLACEHOLDER, (placeholder, name: string) => {
    if (!isTemplateVariable(name)) return placeholder;
    return String(vars[name] ?? "");
  });
}
