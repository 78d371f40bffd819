import { db } from "@/lib/db/client";
import { Prisma, type App, type Template } from "@/lib/generated/prisma/client";
import { ApiError, notFound } from "@/lib/http/errors";
import { isId } from "@/lib/ids";
import { validateTemplate } from "./validate-template";

/** A template of that app, else 404 (also for another app's or tenant's template). */
export async function templateOfApp(app: App, templateId: string): Promise<Template> {
  if (!isId("tpl", templateId)) throw notFound("template");
  const prisma = await db();
  const template = await prisma.template.findFirst({
    where: { id: templateId, appId: app.id, tenantId: app.tenantId },
  });
  if (!template) throw notFound("template");
  return template;
}

/** 400 with every problem of the body, each under the field path "body". */
export function assertValidTemplate(body: string, channel: "sms" | "whatsapp"): void {
  const problems = validateTemplate(body, channel);
  if (problems.length === 0) return;
  throw new ApiError(
    "invalid_request",
    `The template body is invalid: ${problems.map((p) => p.message).join(" ")}`,
    {
      errors: problems.map((problem) => ({ path: "body", message: problem.message, reason: problem.code })),
    },
  );
}

/** The 409 of a second template for the same app, channel and locale (the unique index says so). */
export function duplicateTemplateError(error: unknown, key: { channel: string; locale: string }): unknown {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
    return new ApiError(
      "conflict",
      `The app already has a ${key.channel} template for locale "${key.locale}": change that one instead.`,
    );
  }
  return error;
}
