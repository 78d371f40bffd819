import { describe, expect, it } from "vitest";
import { renderTemplate } from "@/lib/templates/render-template";

const vars = { code: "123456", app: "Acme", name: "Ana", ttlMinutes: 10 };

describe("renderTemplate", () => {
  it("fills every variable, with or without spaces inside the braces", () => {
    expect(renderTemplate("Hi {{name}}, your {{ app }} code is {{code}} ({{ttlMinutes}} min).", vars)).toBe(
      "Hi Ana, your Acme code is 123456 (10 min).",
    );
  });

  it("fills repeated variables", () => {
    expect(renderTemplate("{{code}}\n\n@example.com #{{code}}", vars)).toBe("123456\n\n@example.com #123456");
  });

  it("renders a missing name as empty", () => {
    expect(renderTemplate("Hi {{name}}! {{code}}", { ...vars, name: undefined })).toBe("Hi ! 123456");
  });

  it("never expands placeholders that come from values", () => {
    expect(renderTemplate("{{app}}: {{code}}", { ...vars, app: "{{code}}", name: "{{app}}" })).toBe(
      "{{code}}: 123456",
    );
    expect(renderTemplate("{{name}}", { ...vars, name: "$& $1 {{code}}" })).toBe("$& $1 {{code}}");
  });

  it("leaves unknown placeholders as written", () => {
    expect(renderTemplate("{{foo}} {{code}}", vars)).toBe("{{foo}} 123456");
  });
});
