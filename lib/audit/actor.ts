import os from "node:os";
import type { ApiKeyPrincipal } from "@/lib/keys/authenticate-api-key";

/**
 * Who made a change, for the audit log: a console person, a secret API key, or the instance's
 * operator through the CLI (`npm run cli`). Kept apart from the principal (which says what a caller
 * may touch) so use cases keep taking `ApiKeyPrincipal`.
 */
export type AuditActor = {
  tenantId: string;
  type: "user" | "key" | "operator";
  /** the user id, the key id, or "cli" */
  id: string;
  /** the person's email, the key id, or "CLI (<system user>@<host>)" */
  label: string;
  ip: string | null;
};

/** The actor of an API request made with a secret key. */
export function keyActor(principal: Pick<ApiKeyPrincipal, "keyId" | "tenantId">, ip: string | null): AuditActor {
  return { tenantId: principal.tenantId, type: "key", id: principal.keyId, label: principal.keyId, ip };
}

/**
 * The actor of a CLI command: the operator of the instance, named by the system account that ran
 * it, since the CLI has no sign-in of its own (it acts with the database's credentials).
 */
export function operatorActor(tenantId: string): AuditActor {
  let who = "unknown";
  try {
    who = `${os.userInfo().username}@${os.hostname()}`;
  } catch {
    // no passwd entry for this uid (some containers): keep "unknown"
  }
  return { tenantId, type: "operator", id: "cli", label: `CLI (${who})`, ip: null };
}
