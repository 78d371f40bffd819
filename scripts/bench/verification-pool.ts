/**
 * Pending verifications with known codes, so a fixed-duration verify run never runs dry: the
 * sends of the send run give some, and this makes the rest in bulk, each a copy of a real
 * verification (the template) with its own id, recipient and code hash, and — as a send leaves
 * one — its verify hint in Redis (lib/otp/verification-hint.ts).
 */
import { randomInt } from "node:crypto";
import pg from "pg";
import { createClient } from "redis";
import { hashCode } from "@/lib/otp/code";
import { newId } from "@/lib/ids";
import type { CodeAlphabet } from "@/lib/otp/code";
import { hintRecord } from "@/lib/otp/verification-hint";

export type PendingCode = { id: string; code: string };

/** The pepper as the server decodes OTPILOT_CODE_PEPPER (hex, else base64). */
export function decodePepper(value: string): Buffer {
  return /^[0-9a-fA-F]+$/.test(value) && value.length % 2 === 0
    ? Buffer.from(value, "hex")
    : Buffer.from(value, "base64");
}

const BATCH = 10_000;

/**
 * Inserts `count` pending verifications copied from `templateId` (same tenant, app and settings),
 * valid for an hour, to recipients `+551198` + 7 digits (never used by sends), and returns their codes.
 */
export async function makePendingVerifications(
  databaseUrl: string,
  options: { templateId: string; pepper: Buffer; count: number; recipientOffset: number; redisUrl: string },
): Promise<PendingCode[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const redis = createClient({ url: options.redisUrl });
  await redis.connect();
  const made: PendingCode[] = [];
  try {
    const {
      rows: [template],
    } = await client.query<{ tenantId: string; mode: "live" | "test"; appId: string; alphabet: CodeAlphabet }>(
      `SELECT "tenantId", "mode"::text AS "mode", "appId", "alphabet" FROM "Verification" WHERE "id" = $1`,
      [options.templateId],
    );
    if (!template) throw new Error(`no verification ${options.templateId} to copy`);
    const HOUR = 3600;
    for (let first = 0; first < options.count; first += BATCH) {
      const size = Math.min(BATCH, options.count - first);
      const ids: string[] = [];
      const recipients: string[] = [];
      const hashes: string[] = [];
      for (let i = 0; i < size; i++) {
        const id = newId("ver");
        const code = String(randomInt(1_000_000)).padStart(6, "0");
        ids.push(id);
        recipients.push(`+551198${String(options.recipientOffset + first + i).padStart(7, "0")}`);
        hashes.push(hashCode(code, options.pepper, id));
        made.push({ id, code });
      }
      await client.query(
        `INSERT INTO "Verification"
         SELECT (jsonb_populate_record(v, jsonb_build_object(
                   'id', x.id, 'recipient', x.recipient, 'codeHash', x.hash, 'status', 'pending', 'attempts', 0,
                   'codeEncrypted', NULL, 'createdAt', now(), 'updatedAt', now(), 'expiresAt', now() + interval '1 hour'))).*
           FROM "Verification" v, unnest($2::text[], $3::text[], $4::text[]) AS x(id, recipient, hash)
          WHERE v."id" = $1`,
        [options.templateId, ids, recipients, hashes],
      );
      // Pipelined: node-redis writes the commands of one tick together.
      await Promise.all(
        ids.map((id, i) => {
          const { key, value, ttlSeconds } = hintRecord({ ...template, id, recipient: recipients[i]! }, HOUR);
          return redis.set(key, value, { EX: ttlSeconds });
        }),
      );
    }
  } finally {
    await client.end();
    redis.destroy();
  }
  return made;
}
