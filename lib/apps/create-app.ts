import type { AuditActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import { announceConfigChange } from "@/lib/keys/config-version";
import { createPublishableKey } from "@/lib/keys/create-api-key";
import type { CodeAlphabet } from "@/lib/otp/alphabets";
import { assertCodeLengthFits } from "@/lib/otp/schemas";
import { appView, type AppView } from "./app-view";
import { settingsToColumns, withPublishableKeys } from "./app-data";
import type { AppSettingsInput } from "./settings";

/** Creates an app with its settings and a publishable key of each mode; `actor` gets an audit-log entry. */
export async function createApp(
  tenantId: string,
  settings: AppSettingsInput & { name: string },
  actor?: AuditActor,
): Promise<AppView> {
  // Unset, they take the columns' defaults (prisma/schema.prisma: 6 numeric), which fit.
  assertCodeLengthFits(settings.codeLength ?? 6, (settings.alphabet ?? "numeric") as CodeAlphabet);
  const prisma = await db();
  const id = newId("app");
  const app = await prisma.$transaction(async (tx) => {
    await tx.app.create({
      data: { id, tenantId, name: settings.name, ...(settingsToColumns(id, settings) as object) },
    });
    await createPublishableKey(tx, { tenantId, appId: id, mode: "live" });
    await createPublishableKey(tx, { tenantId, appId: id, mode: "test" });
    if (actor) await recordAudit(actor, { action: "app.created", targetType: "app", targetId: id, data: { name: settings.name } }, tx);
    return tx.app.findUniqueOrThrow({ where: { id }, include: withPublishableKeys });
  });
  // A second app makes "the tenant's only app" (requests without appId) ambiguous on every instance.
  await announceConfigChange(tenantId);
  return appView(app);
}
