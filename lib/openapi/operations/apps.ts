import { appSettingsSchema, createAppSchema } from "@/lib/apps/settings";
import {
  createTemplateSchema,
  previewTemplateSchema,
  updateTemplateSchema,
} from "@/lib/templates/template-schemas";
import type { ApiOperation } from "../registry";
import { appObject, listOf, templateObject, templatePreviewObject } from "../schemas";

const appId = { id: "the app id (`app_…`)" };
const templateIds = { ...appId, templateId: "the template id (`tpl_…`)" };

export const appOperations: ApiOperation[] = [
  {
    method: "get",
    path: "/api/v1/apps",
    operationId: "listApps",
    tag: "Apps",
    summary: "List apps",
    description: "The tenant's apps (for a key restricted to some apps: those).",
    response: { status: 200, description: "The apps, oldest first.", schema: listOf(appObject) },
    errors: [],
  },
  {
    method: "post",
    path: "/api/v1/apps",
    operationId: "createApp",
    tag: "Apps",
    summary: "Create an app",
    description:
      "Creates an app with these settings (the rest take their defaults) and a publishable key of each mode.",
    body: createAppSchema,
    response: { status: 201, description: "The new app.", schema: appObject },
    errors: [],
  },
  {
    method: "get",
    path: "/api/v1/apps/{id}",
    operationId: "getApp",
    tag: "Apps",
    summary: "Read an app",
    pathParams: appId,
    response: { status: 200, description: "The app; provider secrets masked.", schema: appObject },
    errors: ["forbidden", "not_found"],
  },
  {
    method: "patch",
    path: "/api/v1/apps/{id}",
    operationId: "updateApp",
    tag: "Apps",
    summary: "Change an app's settings",
    description:
      "Partial update: only the fields given change; `rateLimits` and `providers` merge key by key (a provider " +
      "set to null is removed). Takes effect on the next request.",
    pathParams: appId,
    body: appSettingsSchema,
    response: { status: 200, description: "The updated app.", schema: appObject },
    errors: ["forbidden", "not_found"],
  },
  {
    method: "get",
    path: "/api/v1/apps/{id}/templates",
    operationId: "listTemplates",
    tag: "Apps",
    summary: "List an app's templates",
    description:
      "The app's own templates by channel and locale. Sends without one use the built-in template of the locale.",
    pathParams: appId,
    response: { status: 200, description: "The templates.", schema: listOf(templateObject) },
    errors: ["forbidden", "not_found"],
  },
  {
    method: "post",
    path: "/api/v1/apps/{id}/templates",
    operationId: "createTemplate",
    tag: "Apps",
    summary: "Add a template",
    description:
      "One template per app, channel and locale. The body must contain `{{code}}` and may use `{{app}}`, " +
      "`{{name}}` and `{{ttlMinutes}}`; an SMS body must fit 4 segments with long values.",
    pathParams: appId,
    body: createTemplateSchema,
    response: { status: 201, description: "The new template.", schema: templateObject },
    errors: ["forbidden", "not_found", "conflict"],
  },
  {
    method: "patch",
    path: "/api/v1/apps/{id}/templates/{templateId}",
    operationId: "updateTemplate",
    tag: "Apps",
    summary: "Change a template",
    description: "The body is checked against the channel the template will have.",
    pathParams: templateIds,
    body: updateTemplateSchema,
    response: { status: 200, description: "The updated template.", schema: templateObject },
    errors: ["forbidden", "not_found", "conflict"],
  },
  {
    method: "delete",
    path: "/api/v1/apps/{id}/templates/{templateId}",
    operationId: "deleteTemplate",
    tag: "Apps",
    summary: "Delete a template",
    description: "Sends for its channel and locale use the built-in template again.",
    pathParams: templateIds,
    response: { status: 204, description: "Deleted." },
    errors: ["forbidden", "not_found"],
  },
  {
    method: "post",
    path: "/api/v1/apps/{id}/templates/preview",
    operationId: "previewTemplate",
    tag: "Apps",
    summary: "Preview a message",
    description:
      "Renders a draft `body`, a saved template (`templateId`), or what a send in `locale` would use, with " +
      "sample values (a code of the app's length, its name and code lifetime), and counts SMS segments.",
    pathParams: appId,
    body: previewTemplateSchema,
    response: { status: 200, description: "The rendered message.", schema: templatePreviewObject },
    errors: ["forbidden", "not_found"],
  },
];
