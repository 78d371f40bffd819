import type { ApiKeyPrincipal } from "@/lib/keys/authenticate-api-key";

/**
 * Who made a change, for the audit log: a console person or a secret API key. Kept apart from the
 * principal (which says what a caller may touch) so use cases keep taking `ApiKeyPrincipal`.
 */
export type AuditActor = {
  tenantId: string;
  type: "user" | "key";
  /** the user id or the key id */
  id: string;
  /** the person's email, or the key id */
  label: string;
  ip: string | null;
};

/** The actor of an API request made with a secret key. */
export function keyActor(principal: Pick<ApiKeyPrincipal, "keyId" | "tenantId">, ip: string | null): AuditActor {
  return { tenantId: principal.tenantId, type: "key", id: principal.keyId, label: principal.keyId, ip };
}
