import type { AuditActor } from "@/lib/audit/actor";
import { changedSettings, recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/http/errors";
import { announceConfigChange } from "@/lib/keys/config-version";
import type { CodeAlphabet } from "@/lib/otp/alphabets";
import { assertCodeLengthFits } from "@/lib/otp/schemas";
import { appView, type AppView } from "./app-view";
import { settingsToColumns, withPublishableKeys } from "./app-data";
import type { AppSettingsInput } from "./settings";

/**
 * Partial update of an app's settings; takes effect on the next request on every instance (apps are
 * cached only under the tenant's configuration version, which this replaces after the commit).
 * `actor` gets an audit-log entry naming the changed settings (never their values).
 */
export async function updateApp(
  tenantId: string,
  appId: string,
  settings: AppSettingsInput,
  actor?: AuditActor,
): Promise<AppView> {
  const prisma = await db();
  const app = await prisma.$transaction(async (tx) => {
    // FOR UPDATE: two concurrent PATCHes of rateLimits/providers must not lose each other's keys.
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "App" WHERE id = ${appId} AND "tenantId" = ${tenantId} FOR UPDATE`;
    if (locked.length === 0) throw notFound("app");
    const current = await tx.app.findUniqueOrThrow({ where: { id: appId } });
    // The length and alphabet saved together must keep 20 bits, whichever of the two this changes.
    assertCodeLengthFits(settings.codeLength ?? current.codeLength, (settings.alphabet ?? current.alphabet) as CodeAlphabet);
    if (actor) {
      // Name only what really changes: a form that saves a whole group sends unchanged values too.
      const same = (name: string) =>
        name in current && JSON.stringify((current as Record<string, unknown>)[name]) === JSON.stringify((settings as Record<string, unknown>)[name]);
      const changed = changedSettings(settings).filter((name) => !same(name));
      await recordAudit(actor, { action: "app.updated", targetType: "app", targetId: appId, data: { changed } }, tx);
    }
    return tx.app.update({
      where: { id: appId },
      data: settingsToColumns(appId, settings, current),
      include: withPublishableKeys,
    });
  });
  await announceConfigChange(tenantId);
  return appView(app);
}
