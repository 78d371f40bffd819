/**
 * Every action the audit log records. Changes to apps, keys, templates, webhooks and members
 * (CONTRACT §11), made from the console, the API or the CLI (`member.added`: a person the operator
 * created with `user:create`).
 */
export const AUDIT_ACTIONS = [
  "app.created",
  "app.updated",
  "api_key.created",
  "api_key.revoked",
  "api_key.rolled",
  "template.created",
  "template.updated",
  "template.deleted",
  "webhook.secret_rolled",
  "webhook.redelivered",
  "member.invited",
  "member.joined",
  "member.added",
  "member.role_changed",
  "member.removed",
  "invitation.revoked",
  "tenant.created",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];
