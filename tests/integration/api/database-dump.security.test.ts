import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { api, randomMobile } from "../../helpers/api";
import { newTenant, readCode } from "../../helpers/tenant";

/** Every row of every table as text: what a stolen database dump would show. */
async function dumpAllRows(): Promise<string> {
  const prisma = await db();
  const tables = await prisma.$queryRaw<{ table_name: string }[]>`
    SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`;
  const parts: string[] = [];
  for (const { table_name } of tables) {
    const rows = await prisma.$queryRawUnsafe<{ row: string }[]>(`SELECT row_to_json(t)::text AS row FROM "${table_name}" t`);
    parts.push(...rows.map((r) => r.row));
  }
  return parts.join("\n");
}

describe("secrets at rest", () => {
  it("a dump after sends holds no code and no API secret", async () => {
    const t = await newTenant({
      providers: { twilio: { accountSid: `AC${"a".repeat(32)}`, authToken: "twilio-auth-token-s3cret", from: "+15005550006" } },
    });
    const codes: string[] = [];
    for (let i = 0; i < 3; i++) {
      const recipient = randomMobile();
      const sent = await api("POST", "/api/v1/otp/send", { key: t.test, body: { recipient, codeLength: 8 } });
      expect(sent.status).toBe(201);
      codes.push(await readCode(t.test, recipient));
    }
    const dump = await dumpAllRows();
    expect(dump.length).toBeGreaterThan(1000);
    for (const code of codes) expect(dump).not.toContain(code);
    expect(dump).not.toContain(t.test.secret);
    expect(dump).not.toContain(t.live.secret);
    expect(dump).not.toContain(t.test.secret.slice(15));
    expect(dump).not.toContain("twilio-auth-token-s3cret");
    // The app read shows the provider secret masked.
    const app = await api("GET", `/api/v1/apps/${t.appId}`, { key: t.test });
    expect(app.body.providers.twilio.authToken).not.toContain("s3cret");
    expect(app.body.providers.twilio.accountSid).toBe(`AC${"a".repeat(32)}`);
  });
});
