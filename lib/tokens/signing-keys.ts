import { createPrivateKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { calculateJwkThumbprint, exportJWK, type JWK } from "jose";
import { serverKeyring } from "@/lib/config/keyring";
import { serverSecrets } from "@/lib/config/secrets";
import { decrypt, encrypt } from "@/lib/crypto/encryption";
import { db } from "@/lib/db/client";
import { TOKEN_TTL_SECONDS } from "./token-claims";

/**
 * The ES256 key ring that signs widget tokens (CONTRACT §8), kept in the database so that every
 * stateless instance signs with the same key and publishes the same JWKS. Private keys are sealed
 * with the server's encryption keyring (the kid as associated data).
 *
 * The first key is the configured one (`OTPILOT_SIGNING_KEY`, or the one generated into `.data/` in
 * development), imported on first use; `npm run cli -- signing-key:rotate` adds a fresh key and
 * retires the others, which stay published until every token they signed has expired.
 */
export type SigningKeyEntry = { kid: string; publicJwk: JWK; createdAt: Date };
export type ActiveSigningKey = { kid: string; privateKey: KeyObject };

/** How long a retired key stays in the JWKS: the longest token lifetime, plus clock skew. */
export const RETIRED_KEY_PUBLISH_SECONDS = TOKEN_TTL_SECONDS + 60;
// Instances re-read the ring this often, so a rotation made by the CLI reaches them within it.
const CACHE_MS = 10_000;

let activeCache: { at: number; key: ActiveSigningKey } | undefined;
let publishedCache: { at: number; keys: SigningKeyEntry[] } | undefined;

/** The key that signs new tokens: the newest key that is not retired. */
export async function activeSigningKey(): Promise<ActiveSigningKey> {
  if (activeCache && Date.now() - activeCache.at < CACHE_MS) return activeCache.key;
  const prisma = await db();
  let row = await prisma.signingKey.findFirst({ where: { retiredAt: null }, orderBy: { createdAt: "desc" } });
  if (!row) {
    await importConfiguredKey();
    row = await prisma.signingKey.findFirst({ where: { retiredAt: null }, orderBy: { createdAt: "desc" } });
  }
  if (!row) throw new Error("no signing key after importing the configured one");
  const pem = decrypt(row.privateKeyEncrypted, serverKeyring(), aad(row.id));
  const key = { kid: row.id, privateKey: createPrivateKey(pem) };
  activeCache = { at: Date.now(), key };
  return key;
}

/** The public keys of the JWKS: the active key and retired keys whose tokens may still be valid. */
export async function publishedSigningKeys(options: { fresh?: boolean } = {}): Promise<SigningKeyEntry[]> {
  if (!options.fresh && publishedCache && Date.now() - publishedCache.at < CACHE_MS) return publishedCache.keys;
  const prisma = await db();
  let rows = await readPublished();
  if (rows.length === 0) {
    await importConfiguredKey();
    rows = await readPublished();
  }
  const keys = rows.map((row) => ({ kid: row.id, publicJwk: row.publicJwk as JWK, createdAt: row.createdAt }));
  publishedCache = { at: Date.now(), keys };
  return keys;

  function readPublished() {
    return prisma.signingKey.findMany({
      where: { OR: [{ retiredAt: null }, { publishUntil: { gt: new Date() } }] },
      orderBy: { createdAt: "desc" },
    });
  }
}

/**
 * Adds a fresh P-256 key and retires every other unretired key; retired keys stay published for
 * RETIRED_KEY_PUBLISH_SECONDS. Returns the new key's kid and the kids it retired.
 */
export async function rotateSigningKey(): Promise<{ kid: string; retired: string[] }> {
  // A ring that has never been used gets its configured key first, so rotation really replaces it.
  await publishedSigningKeys({ fresh: true });
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const entry = await sealKey(privateKey);
  const prisma = await db();
  const now = new Date();
  const retired = await prisma.$transaction(async (tx) => {
    const current = await tx.signingKey.findMany({ where: { retiredAt: null }, select: { id: true } });
    await tx.signingKey.updateMany({
      where: { retiredAt: null },
      data: { retiredAt: now, publishUntil: new Date(now.getTime() + RETIRED_KEY_PUBLISH_SECONDS * 1000) },
    });
    await tx.signingKey.create({ data: { ...entry, createdAt: now } });
    return current.map((row) => row.id);
  });
  resetSigningKeyCache();
  return { kid: entry.id, retired };
}

export function resetSigningKeyCache(): void {
  activeCache = undefined;
  publishedCache = undefined;
}

/**
 * Imports the configured key as the ring's first key. The kid is the key's thumbprint, so
 * instances that race here insert the same row and the duplicate is skipped.
 */
async function importConfiguredKey(): Promise<void> {
  const entry = await sealKey(createPrivateKey(serverSecrets().signingKeyPem));
  const prisma = await db();
  await prisma.signingKey.createMany({ data: [entry], skipDuplicates: true });
}

async function sealKey(privateKey: KeyObject) {
  if (privateKey.asymmetricKeyType !== "ec" || privateKey.asymmetricKeyDetails?.namedCurve !== "prime256v1") {
    throw new Error("the signing key must be an EC P-256 key (ES256)");
  }
  const full = await exportJWK(privateKey);
  const publicJwk: JWK = { kty: full.kty, crv: full.crv, x: full.x, y: full.y };
  const kid = await calculateJwkThumbprint(publicJwk, "sha256");
  const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  return {
    id: kid,
    algorithm: "ES256",
    publicJwk: { ...publicJwk, kid, alg: "ES256", use: "sig" },
    privateKeyEncrypted: encrypt(pem, serverKeyring(), aad(kid)),
  };
}

function aad(kid: string): string {
  return `signing-key:${kid}`;
}
