import { db } from "@/lib/db/client";
import { notFound } from "@/lib/http/errors";
import { isId } from "@/lib/ids";
import { appView, type AppView } from "./app-view";
import { withPublishableKeys } from "./app-data";

export async function getApp(tenantId: string, appId: string): Promise<AppView> {
  if (!isId("app", appId)) throw notFound("app");
  const prisma = await db();
  const app = await prisma.app.findFirst({ where: { id: appId, tenantId }, include: withPublishableKeys });
  if (!app) throw notFound("app");
  return appView(app);
}

export async function listApps(tenantId: string): Promise<AppView[]> {
  const prisma = await db();
  const apps = await prisma.app.findMany({
    where: { tenantId },
    include: withPublishableKeys,
    orderBy: { createdAt: "asc" },
  });
  return apps.map(appView);
}
