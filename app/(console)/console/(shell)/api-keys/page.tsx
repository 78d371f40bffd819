import type { Metadata } from "next";
import { ApiKeysView } from "@/components/console/api-keys";
import { PageHeader } from "@/components/ui/panel";
import { listApps } from "@/lib/apps/get-app";
import { requireConsolePage } from "@/lib/console/context";
import { listApiKeys } from "@/lib/keys/issue-api-key";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const ctx = await requireConsolePage();
  const [keys, apps] = await Promise.all([listApiKeys(ctx.tenant.id), listApps(ctx.tenant.id)]);
  const rows = keys.map((k) => ({
    ...k,
    createdAt: k.createdAt.toISOString(),
    lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
    expiresAt: k.expiresAt?.toISOString() ?? null,
    revokedAt: k.revokedAt?.toISOString() ?? null,
  }));
  return (
    <>
      <PageHeader
        title="API keys"
        description="Secret keys authenticate your server to /api/v1. Test keys send to the outbox; live keys reach real phones."
      />
      <ApiKeysView keys={rows} apps={apps.map((a) => ({ id: a.id, name: a.name }))} canWrite={ctx.can("keys:write")} defaultMode={ctx.principal.mode} />
    </>
  );
}
