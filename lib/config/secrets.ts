import { generateKeyPairSync, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { ConfigError, env } from "./env";

/**
 * The server's own secrets: the pepper that keys code hashes, the keys that encrypt provider
 * credentials, the key that signs widget tokens and the console's session secret.
 *
 * Given through the environment in production. On the embedded default (and in development) any
 * that are not given are generated once into `<data dir>/secrets.json`, so `npm run dev` needs no
 * setup and restarts keep working codes, tokens and credentials. A production deployment with
 * PostgreSQL runs several instances that must agree, so there every secret is required.
 */
export type ServerSecrets = {
  codePepper: Buffer;
  /** `kid:base64key[,…]`, the first encrypts (lib/crypto/encryption.ts parses it) */
  encryptionKeys: string;
  signingKeyPem: string;
  nextAuthSecret: string;
};

type StoredSecrets = Partial<{ codePepper: string; encryptionKeys: string; signingKeyPem: string; nextAuthSecret: string }>;

let cached: ServerSecrets | undefined;

export function serverSecrets(): ServerSecrets {
  cached ??= loadSecrets();
  return cached;
}

function loadSecrets(): ServerSecrets {
  const e = env();
  const given: StoredSecrets = {
    codePepper: e.OTPILOT_CODE_PEPPER,
    encryptionKeys: e.OTPILOT_ENCRYPTION_KEYS,
    signingKeyPem: e.OTPILOT_SIGNING_KEY?.replace(/\\n/g, "\n"),
    nextAuthSecret: e.NEXTAUTH_SECRET,
  };
  const missing = Object.entries(given).filter(([, v]) => !v).map(([k]) => k);
  if (missing.length > 0 && e.NODE_ENV === "production" && e.DATABASE_URL) {
    const names: Record<string, string> = {
      codePepper: "OTPILOT_CODE_PEPPER",
      encryptionKeys: "OTPILOT_ENCRYPTION_KEYS",
      signingKeyPem: "OTPILOT_SIGNING_KEY",
      nextAuthSecret: "NEXTAUTH_SECRET",
    };
    throw new ConfigError(
      `In production with DATABASE_URL every instance must share its secrets. Set: ${missing.map((m) => names[m]).join(", ")} ` +
        "(`npm run cli -- secrets:generate` prints fresh values).",
    );
  }
  const stored = missing.length > 0 ? readOrCreateStored(path.join(path.resolve(e.OTPILOT_DATA_DIR), "secrets.json")) : {};
  const merged = { ...stored, ...Object.fromEntries(Object.entries(given).filter(([, v]) => v)) } as Required<StoredSecrets>;
  return {
    codePepper: decodeKeyMaterial(merged.codePepper),
    encryptionKeys: merged.encryptionKeys,
    signingKeyPem: merged.signingKeyPem,
    nextAuthSecret: merged.nextAuthSecret,
  };
}

/** Fresh values for every secret, for `.env` files and the CLI. */
export function generateSecrets(): Required<StoredSecrets> {
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  return {
    codePepper: randomBytes(32).toString("base64"),
    encryptionKeys: `k${new Date().toISOString().slice(0, 10).replace(/-/g, "")}:${randomBytes(32).toString("base64")}`,
    signingKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    nextAuthSecret: randomBytes(32).toString("base64url"),
  };
}

function readOrCreateStored(file: string): Required<StoredSecrets> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    const existing = JSON.parse(fs.readFileSync(file, "utf8")) as StoredSecrets;
    if (existing.codePepper && existing.encryptionKeys && existing.signingKeyPem && existing.nextAuthSecret) {
      return existing as Required<StoredSecrets>;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const fresh = generateSecrets();
  // `wx` fails if another process wrote the file meanwhile; then its values win.
  try {
    fs.writeFileSync(file, JSON.stringify(fresh, null, 2), { flag: "wx", mode: 0o600 });
    return fresh;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return JSON.parse(fs.readFileSync(file, "utf8"));
    throw error;
  }
}

function decodeKeyMaterial(value: string): Buffer {
  const bytes = /^[0-9a-fA-F]+$/.test(value) && value.length % 2 === 0 ? Buffer.from(value, "hex") : Buffer.from(value, "base64");
  if (bytes.length < 32) throw new ConfigError("OTPILOT_CODE_PEPPER must hold at least 32 bytes (hex or base64).");
  return bytes;
}

export function resetSecretsCache(): void {
  cached = undefined;
}
