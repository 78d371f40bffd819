import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AppSettingsForm } from "@/components/console/app-forms";
import { CopyButton } from "@/components/ui/copy-button";
import { PageHeader } from "@/components/ui/panel";
import { getApp } from "@/lib/apps/get-app";
import { requireConsolePage } from "@/lib/console/context";
import { ApiError } from "@/lib/http/errors";

export const metadata: Metadata = { title: "App settings" };

export default async function AppPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ctx = await requireConsolePage();
  const app = await getApp(ctx.tenant.id, id).catch((error: unknown) => {
    if (error instanceof ApiError && error.code === "not_found") notFound();
    throw error;
  });
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/console/apps" className="font-medium text-slate-700 underline underline-offset-4 hover:text-slate-950 dark:text-slate-300 dark:hover:text-white">
          Apps
        </Link>
        <span aria-hidden="true" className="px-1.5 text-slate-400">/</span>
        <span aria-current="page" className="text-slate-900 dark:text-slate-100">{app.name}</span>
      </nav>
      <PageHeader
        title={app.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <code className="font-mono text-xs">{app.id}</code>
            <CopyButton value={app.id} label="Copy id" />
          </span>
        }
      />
      <AppSettingsForm app={app} readOnly={!ctx.can("apps:write")} />
    </>
  );
}
