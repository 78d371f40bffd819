import { randomBytes } from "node:crypto";
import { baseUrl, ConfigError, env, requireBaseUrl } from "@/lib/config/env";
import { serverSecrets } from "@/lib/config/secrets";
import { databaseBackend, db, migrateDb } from "@/lib/db/client";
import { installMethodGuard } from "@/lib/http/method-guard";
import { installPeerAddressHook } from "@/lib/http/peer-address";
import { logger } from "@/lib/log";
import { limiterBackend } from "@/lib/rate-limit/limiter";
import { createTenant, type CreatedTenant } from "@/lib/tenants/create-tenant";
import { createConsoleUser } from "@/lib/users/create-console-user";
import { startJobWorker } from "./start-job-worker";

/**
 * Server start-up: validate configuration (fail loudly), apply migrations, and on the first start
 * with an empty database create a demo tenant so a newcomer has working keys in the first minute.
 */
export async function startServer(): Promise<void> {
  try {
    const config = env();
    requireBaseUrl(config);
    if (config.NODE_ENV === "production" && !config.OTPILOT_BASE_URL) {
      logger.warn(
        { baseUrl: baseUrl() },
        "OTPILOT_BASE_URL is not set: provider callbacks and the WebOTP line of SMS use this local URL. Set it before serving real users.",
      );
    }
    serverSecrets();
    installPeerAddressHook();
    installMethodGuard();
    await migrateDb();
    logger.info({ database: databaseBackend(), rateLimitStore: limiterBackend() }, "OTPilot ready");
    const demoWanted = config.OTPILOT_DEMO_TENANT ? config.OTPILOT_DEMO_TENANT === "1" : !(config.NODE_ENV === "production" && config.DATABASE_URL);
    if (demoWanted) await createDemoTenantIfEmpty();
    if (config.OTPILOT_WORKER === "1") await startJobWorker();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`\n✖ ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

async function createDemoTenantIfEmpty(): Promise<void> {
  const prisma = await db();
  if ((await prisma.tenant.count()) > 0) return;
  const tenant = await createTenant({ name: "Demo", appName: "Demo app" });
  // The demo app's widget may be embedded by this server's own pages: the live demo on /docs/widget.
  await prisma.app.update({ where: { id: tenant.appId }, data: { allowedOrigins: [new URL(baseUrl()).origin] } });
  // OTPILOT_DEMO_PASSWORD fixes the demo person's password (end-to-end tests, demos); else a fresh one.
  const password = process.env.OTPILOT_DEMO_PASSWORD || randomBytes(12).toString("base64url");
  const user = await createConsoleUser({ email: "demo@otpilot.local", password, tenantId: tenant.tenantId });
  printWelcome(tenant, user.email, password);
}

function printWelcome(tenant: CreatedTenant, email: string, password: string): void {
  const url = baseUrl();
  const lines = [
    "",
    "  ✈  OTPilot is running — a demo tenant was created for you.",
    "",
    `  Console      ${url}/console   (sign in as ${email} / ${password})`,
    `  Docs         ${url}/docs`,
    `  App          ${tenant.appId}`,
    `  Test key     ${tenant.keys.test.secret}   (messages go to the outbox)`,
    `  Live key     ${tenant.keys.live.secret}`,
    `  Publishable  ${tenant.publishableKeys.test}`,
    "",
    "  These secrets are shown only now. Send your first code:",
    "",
    `  curl -s ${url}/api/v1/otp/send \\`,
    `    -H "Authorization: Bearer ${tenant.keys.test.secret}" \\`,
    `    -H "Content-Type: application/json" \\`,
    `    -d '{"recipient": "+14155550123"}'`,
    "",
    "  …then read it from the outbox:",
    "",
    `  curl -s "${url}/api/v1/outbox" -H "Authorization: Bearer ${tenant.keys.test.secret}"`,
    "",
  ];
  // Printed, not logged: the log never carries secrets; this is the operator's own terminal, once.
  console.log(lines.join("\n"));
}
