import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "@/lib/apps/create-app";
import { db } from "@/lib/db/client";
import { announceConfigChange } from "@/lib/keys/config-version";
import { api, expectProblem, randomMobile } from "../../helpers/api";
import { send } from "../../helpers/reads";
import { newTenant, readCode, type TestTenant } from "../../helpers/tenant";

/** Every read is scoped to the key's tenant and to the apps the key may act on. */
let mine: TestTenant;
let theirs: TestTenant;
let myId: string;
let theirId: string;

beforeAll(async () => {
  mine = await newTenant();
  theirs = await newTenant();
  myId = (await send(mine.test, { recipient: randomMobile() })).id;
  const recipient = randomMobile();
  theirId = (await send(theirs.test, { recipient })).id;
  await api("POST", "/api/v1/otp/verify", {
    key: theirs.test,
    body: { id: theirId, code: await readCode(theirs.test, recipient) },
  });
});

describe("tenant scoping of the read endpoints", () => {
  it("lists and logs show only the key's tenant", async () => {
    const list = await api("GET", "/api/v1/otp/list?limit=100", { key: mine.test });
    expect(list.body.data.map((v: { id: string }) => v.id)).toEqual([myId]);
    const logs = await api("GET", "/api/v1/otp/logs?limit=100", { key: mine.test });
    expect(logs.body.data.length).toBeGreaterThan(0);
    expect(logs.body.data.every((e: { verificationId: string | null }) => e.verificationId === myId)).toBe(
      true,
    );
  });

  it("another tenant's ids answer 404", async () => {
    expectProblem(
      await api("GET", `/api/v1/otp/attempts?id=${theirId}`, { key: mine.test }),
      404,
      "not_found",
    );
    expectProblem(
      await api("GET", `/api/v1/otp/logs?verificationId=${theirId}`, { key: mine.test }),
      404,
      "not_found",
    );
    for (const path of ["list", "logs", "reports", "rate-limits"]) {
      expectProblem(
        await api("GET", `/api/v1/otp/${path}?appId=${theirs.appId}`, { key: mine.test }),
        404,
        "not_found",
      );
    }
  });

  it("a cursor from another tenant's list reveals nothing of theirs", async () => {
    await send(theirs.test, { recipient: randomMobile() });
    const page = await api("GET", "/api/v1/otp/list?limit=1", { key: theirs.test });
    expect(page.body.nextCursor).toBeTruthy();
    const replayed = await api("GET", `/api/v1/otp/list?cursor=${page.body.nextCursor}`, { key: mine.test });
    expect(replayed.status).toBe(200);
    expect(replayed.body.data.every((v: { id: string }) => v.id === myId)).toBe(true);
  });

  it("reports count only the key's tenant", async () => {
    const report = await api("GET", "/api/v1/otp/reports", { key: mine.test });
    expect(report.body.totals).toMatchObject({ sent: 1, approved: 0 });
    const theirReport = await api("GET", "/api/v1/otp/reports", { key: theirs.test });
    expect(theirReport.body.totals.approved).toBe(1);
  });

  it("a key restricted to one app reads only that app, and another app of its tenant answers 403", async () => {
    const t = await newTenant();
    const second = await createApp(t.tenantId, { name: "second" });
    const first = (await send(t.test, { appId: t.appId, recipient: randomMobile() })).id;
    const other = (await send(t.test, { appId: second.id, recipient: randomMobile() })).id;
    const prisma = await db();
    await prisma.apiKey.update({ where: { id: t.test.keyId }, data: { appIds: [t.appId] } });
    await announceConfigChange(t.tenantId);

    const list = await api("GET", "/api/v1/otp/list", { key: t.test });
    expect(list.body.data.map((v: { id: string }) => v.id)).toEqual([first]);
    const logs = await api("GET", "/api/v1/otp/logs?limit=100", { key: t.test });
    expect(logs.body.data.some((e: { verificationId: string }) => e.verificationId === other)).toBe(false);
    expect((await api("GET", "/api/v1/otp/reports", { key: t.test })).body.totals.sent).toBe(1);
    expectProblem(await api("GET", `/api/v1/otp/attempts?id=${other}`, { key: t.test }), 403, "forbidden");
    for (const path of ["list", "logs", "reports", "rate-limits"]) {
      expectProblem(
        await api("GET", `/api/v1/otp/${path}?appId=${second.id}`, { key: t.test }),
        403,
        "forbidden",
      );
    }
  });

  it("every read needs a secret key", async () => {
    for (const path of ["list", "attempts?id=" + myId, "logs", "rate-limits", "reports"]) {
      expectProblem(await api("GET", `/api/v1/otp/${path}`), 401, "unauthorized");
    }
  });
});
