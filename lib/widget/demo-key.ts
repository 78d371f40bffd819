import { db } from "@/lib/db/client";
import { serverOrigin } from "./widget-app";

/**
 * A test-mode publishable key whose app lets this server's own pages embed the widget (the demo
 * tenant's app is created so), for the live demo on /docs/widget. Null when there is none.
 */
export async function findDemoPublishableKey(): Promise<string | null> {
  const prisma = await db();
  const key = await prisma.publishableKey.findFirst({
    where: { mode: "test", revokedAt: null, app: { allowedOrigins: { has: serverOrigin() } } },
    orderBy: { createdAt: "asc" },
    select: { key: true },
  });
  return key?.key ?? null;
}
