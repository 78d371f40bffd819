/**
 * `npm run cli -- <command> [options]`: administers a self-hosted OTPilot from a shell, against the
 * same database the server uses (DATABASE_URL, or the embedded one — through the running server's
 * socket when `npm run dev` holds it). CONTRACT §2.
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { appSettingsSchema } from "@/lib/apps/settings";
import { operatorActor } from "@/lib/audit/actor";
import { updateApp } from "@/lib/apps/update-app";
import { readPassword } from "@/lib/cli/read-password";
import { parseSetArgs } from "@/lib/cli/set-args";
import { generateSecrets } from "@/lib/config/secrets";
import { closeDb, db } from "@/lib/db/client";
import { validationErrors } from "@/lib/http/body";
import { ApiError } from "@/lib/http/errors";
import { issueApiKey } from "@/lib/keys/issue-api-key";
import { revokeApiKey, rollApiKey } from "@/lib/keys/revoke-api-key";
import { createTenant } from "@/lib/tenants/create-tenant";
import { rotateSigningKey } from "@/lib/tokens/signing-keys";
import { createConsoleUser } from "@/lib/users/create-console-user";

const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  tenant:create --name <name> [--json]
      Create a tenant with a default app, a live and a test secret key, and publishable keys.
  key:create --tenant <tenantId> --mode live|test [--app <appId>]... [--name <name>] [--json]
      Create a secret API key (optionally restricted to apps). The secret is shown once.
  key:revoke --key <keyId>
      Revoke a key; effective on the next request.
  key:roll --key <keyId> [--expires-in <hours>] [--json]
      Issue a replacement key; the old secret keeps working for --expires-in hours (default 24).
  app:update --app <appId> --set key=value [--set key=value]... [--json]
      Change app settings, e.g. --set rateLimits.sendsPerRecipient=20 --set channels=whatsapp,sms
  user:create --email <email> --tenant <tenantId> [--role owner|admin|developer|viewer] [--json]
      Create a console user who can sign in to the tenant (role default: owner). The password is
      read from standard input (first line) or a prompt on a terminal, never from the command line:
        printf '%s\n' "$PASSWORD" | npm run cli -- user:create --email you@example.com --tenant ten_…
  signing-key:rotate [--json]
      Sign widget tokens with a fresh ES256 key; the old public key stays in the JWKS until its tokens expire.
  secrets:generate
      Print fresh values for the secret environment variables (for production .env files).
`;

type Options = {
  json?: boolean;
  name?: string;
  tenant?: string;
  mode?: string;
  app?: string[];
  key?: string;
  set?: string[];
  "expires-in"?: string;
  email?: string;
  password?: string;
  role?: string;
  help?: boolean;
};

const ROLES = ["owner", "admin", "developer", "viewer"] as const;

class UsageError extends Error {}

function print(json: boolean | undefined, value: unknown, human: string): void {
  process.stdout.write(json ? `${JSON.stringify(value)}\n` : `${human}\n`);
}

function required(value: string | undefined, flag: string): string {
  if (!value) throw new UsageError(`missing --${flag}`);
  return value;
}

async function run(command: string | undefined, options: Options): Promise<void> {
  switch (command) {
    case "tenant:create": {
      const created = await createTenant({ name: required(options.name, "name") }, operatorActor);
      print(
        options.json,
        created,
        [
          `Tenant ${created.tenantId} with app ${created.appId}`,
          `  live secret key   ${created.keys.live.keyId}  ${created.keys.live.secret}`,
          `  test secret key   ${created.keys.test.keyId}  ${created.keys.test.secret}`,
          `  publishable keys  ${created.publishableKeys.live}  ${created.publishableKeys.test}`,
          "Secrets are shown only now: store them safely.",
        ].join("\n"),
      );
      return;
    }
    case "key:create": {
      const tenantId = required(options.tenant, "tenant");
      const mode = z.enum(["live", "test"]).safeParse(options.mode);
      if (!mode.success) throw new UsageError("--mode must be live or test");
      const prisma = await db();
      const tenant = await prisma.tenant.findUnique({ where: { id: tenantId }, select: { id: true } });
      if (!tenant) throw new UsageError(`no tenant ${tenantId}`);
      const appIds = options.app ?? [];
      if (appIds.length) {
        const found = await prisma.app.count({ where: { tenantId, id: { in: appIds } } });
        if (found !== new Set(appIds).size) throw new UsageError("every --app must be an app of that tenant");
      }
      const name = options.name ?? `${mode.data} key`;
      const key = await issueApiKey(tenantId, { name, mode: mode.data, appIds }, operatorActor(tenantId));
      print(options.json, { keyId: key.keyId, secret: key.secret, mode: key.mode }, `${key.keyId}  ${key.secret}\nThe secret is shown only now.`);
      return;
    }
    case "key:revoke": {
      const keyId = required(options.key, "key");
      const prisma = await db();
      const key = await prisma.apiKey.findUnique({ where: { id: keyId }, select: { tenantId: true } });
      if (!key || !(await revokeApiKey(keyId, key.tenantId, operatorActor(key.tenantId)))) throw new UsageError(`no active key ${keyId}`);
      print(options.json, { keyId, revoked: true }, `Revoked ${keyId}.`);
      return;
    }
    case "key:roll": {
      const keyId = required(options.key, "key");
      const hours = Number(options["expires-in"] ?? 24);
      if (!Number.isFinite(hours) || hours < 0) throw new UsageError("--expires-in takes hours (a number ≥ 0)");
      const prisma = await db();
      const old = await prisma.apiKey.findUnique({ where: { id: keyId }, select: { tenantId: true } });
      const rolled = old && (await rollApiKey(keyId, old.tenantId, new Date(Date.now() + hours * 3600_000), operatorActor(old.tenantId)));
      if (!rolled) throw new UsageError(`no active key ${keyId}`);
      print(options.json, { keyId: rolled.keyId, secret: rolled.secret, replaces: keyId }, `${rolled.keyId}  ${rolled.secret}\n${keyId} stops working in ${hours} h.`);
      return;
    }
    case "app:update": {
      const appId = required(options.app?.[0], "app");
      if (!options.set?.length) throw new UsageError("give at least one --set key=value");
      const parsed = appSettingsSchema.safeParse(parseSetArgs(options.set));
      if (!parsed.success) {
        throw new UsageError(validationErrors(parsed.error).map((e) => `${e.path}: ${e.message}`).join("\n"));
      }
      const prisma = await db();
      const app = await prisma.app.findUnique({ where: { id: appId }, select: { tenantId: true } });
      if (!app) throw new UsageError(`no app ${appId}`);
      const updated = await updateApp(app.tenantId, appId, parsed.data, operatorActor(app.tenantId));
      print(options.json, updated, `Updated ${appId}:\n${JSON.stringify(updated, null, 2)}`);
      return;
    }
    case "user:create": {
      // A password on the command line is visible in the process list and shell history.
      if (options.password !== undefined) {
        throw new UsageError("--password is not accepted: pipe the password to standard input, or type it at the prompt");
      }
      const role = options.role ?? "owner";
      if (!(ROLES as readonly string[]).includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(", ")}`);
      const email = required(options.email, "email");
      const tenantId = required(options.tenant, "tenant");
      const password = await readPassword(`Password for ${email}: `);
      if (!password) throw new UsageError("no password given on standard input");
      const user = await createConsoleUser({ email, password, tenantId, role: role as (typeof ROLES)[number] }, operatorActor(tenantId));
      print(options.json, user, `Created ${user.email} (${user.userId}) with access to ${user.tenantId}.`);
      return;
    }
    case "signing-key:rotate": {
      const rotated = await rotateSigningKey();
      print(options.json, rotated, `New signing key ${rotated.kid}; retired ${rotated.retired.join(", ") || "none"} (published until its tokens expire).`);
      return;
    }
    case "secrets:generate": {
      const s = generateSecrets();
      process.stdout.write(
        [
          `OTPILOT_CODE_PEPPER=${s.codePepper}`,
          `OTPILOT_ENCRYPTION_KEYS=${s.encryptionKeys}`,
          `OTPILOT_SIGNING_KEY="${s.signingKeyPem.trim().replace(/\n/g, "\\n")}"`,
          `NEXTAUTH_SECRET=${s.nextAuthSecret}`,
        ].join("\n") + "\n",
      );
      return;
    }
    default:
      throw new UsageError(command ? `unknown command "${command}"` : "no command given");
  }
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: process.argv.slice(2),
      allowPositionals: true,
      options: {
        json: { type: "boolean" },
        name: { type: "string" },
        tenant: { type: "string" },
        mode: { type: "string" },
        app: { type: "string", multiple: true },
        key: { type: "string" },
        set: { type: "string", multiple: true },
        "expires-in": { type: "string" },
        email: { type: "string" },
        password: { type: "string" },
        role: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const [command] = parsed.positionals;
  if (parsed.values.help || !command) {
    process.stdout.write(USAGE);
    return command || parsed.values.help ? 0 : 2;
  }
  try {
    await run(command, parsed.values as Options);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`error: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof ApiError) {
      process.stderr.write(`error: ${error.detail}\n`);
      return 1;
    }
    process.stderr.write(`error: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await closeDb().catch(() => {});
  }
}

main().then((code) => process.exit(code));
