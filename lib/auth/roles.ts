/**
 * Console roles (CONTRACT §11) and what each may do. Every page, server action and route handler
 * of the console asks `can(role, permission)` through the console wrapper (lib/console/context.ts).
 */
export const ROLES = ["owner", "admin", "developer", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = {
  /** see everything in the tenant */
  read: ["owner", "admin", "developer", "viewer"],
  /** apps, their settings and provider credentials */
  "apps:write": ["owner", "admin", "developer"],
  "keys:write": ["owner", "admin", "developer"],
  "templates:write": ["owner", "admin", "developer"],
  "webhooks:write": ["owner", "admin", "developer"],
  /** invite, remove, change roles; tenant settings */
  "members:manage": ["owner", "admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  owner: "Everything, including managing owners.",
  admin: "Everything, including inviting and removing people.",
  developer: "Apps, API keys, templates and webhooks.",
  viewer: "Reads everything, changes nothing.",
};

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
