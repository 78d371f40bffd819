import { expect, test } from "@playwright/test";
import { createKeyInConsole, expectAccessible, painted, photograph, resumeSession, session, signIn, type Session } from "./console-helpers";

/**
 * The console's part 2 end to end (Chromium, desktop project): edit a template and watch the
 * preview, encoding and segment count follow; send a test code with a test key and find it in
 * the outbox and in its verification's timeline; read today's report and compare it with
 * GET /api/v1/otp/reports; roll the webhook secret. Every page is checked with axe (WCAG 2.1
 * A/AA) and photographed at 1280 and 375 px, light and dark.
 */
test.describe.configure({ mode: "serial" });
test.skip(({ isMobile }) => isMobile, "one run is enough: the screenshots cover 375 px");

const state = { secret: "", verificationId: "", recipient: "+5511987654321", session: [] as Session };
const today = new Date().toISOString().slice(0, 10);

test("edit a template: the preview and the segment count follow the text", async ({ page }) => {
  await signIn(page);
  state.session = await session(page);
  await page.goto("/console/templates");
  await expect(page.getByRole("heading", { level: 1, name: "Templates" })).toBeVisible();
  await expect(page.getByText("Built-in text", { exact: true })).toBeVisible();
  const body = page.getByLabel("Message body");
  const preview = page.getByTestId("template-preview");

  await body.fill("Your code is {{code}}");
  await expect(preview).toHaveText(/^Your code is \d{6}$/);
  await expect(page.getByTestId("template-segments")).toHaveText("1");
  await expect(page.getByTestId("template-encoding")).toHaveText("GSM-7");

  // One Cyrillic letter switches the whole message to UCS-2: 67 characters a segment.
  await body.fill(`Ваш код {{code}}. ${"Не сообщайте его никому. ".repeat(3)}`);
  await expect(page.getByTestId("template-encoding")).toHaveText("UCS-2");
  await expect(page.getByTestId("template-segments")).toHaveText("2");
  await expect(preview).toContainText("Ваш код");

  await body.fill("{{code}} is your code for ");
  await page.getByRole("group", { name: "Insert a variable" }).getByRole("button", { name: /\{\{app\}\}/ }).click();
  await expect(body).toHaveValue("{{code}} is your code for {{app}}");
  await page.getByRole("button", { name: "Save as this app's template" }).click();
  await expect(page.getByText(/^Saved:/)).toBeVisible();
  await expect(page.getByText("Your template", { exact: true })).toBeVisible();

  await page.goto("/console/audit-log?action=template.created");
  await expect(page.getByRole("region", { name: "Audit log entries" }).getByText("template.created")).toBeVisible();
});

test("a test code shows in the outbox and in its verification's timeline", async ({ page, request }) => {
  await resumeSession(page, state.session);
  state.secret = await createKeyInConsole(page, "E2E part 2", "test");
  const auth = { Authorization: `Bearer ${state.secret}` };
  const sent = await request.post("/api/v1/otp/send", { headers: auth, data: { recipient: state.recipient, externalId: "e2e-user", locale: "en" } });
  expect(sent.status()).toBe(201);
  state.verificationId = (await sent.json()).id;

  await page.goto("/console/outbox");
  const message = page.getByRole("listitem").filter({ hasText: state.recipient }).first();
  await expect(message).toBeVisible();
  const code = (await message.getByTestId("outbox-code").first().textContent())!.trim();
  expect(code).toMatch(/^\d{6}$/);
  // The message uses the template saved in the first test.
  await expect(message).toContainText("is your code for");

  const verified = await request.post("/api/v1/otp/verify", { headers: auth, data: { id: state.verificationId, code } });
  expect(verified.status()).toBe(200);

  await message.getByRole("link", { name: /Timeline/ }).click();
  await expect(page).toHaveURL(new RegExp(`/console/logs/${state.verificationId}`));
  const timeline = page.getByRole("region", { name: "Timeline" }).or(page.locator("section", { hasText: "Timeline" }));
  await expect(timeline.getByText("verification.created")).toBeVisible();
  await expect(timeline.getByText(/Delivery attempt: sms via outbox/)).toBeVisible();
  await expect(timeline.getByText("Code checked: right")).toBeVisible();
  await expect(page.getByText("approved", { exact: true }).first()).toBeVisible();

  await page.goto(`/console/logs?externalId=e2e-user`);
  const row = page.getByRole("row").filter({ hasText: "e2e-user" });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("+55 •••••••4321");
  await expect(row).not.toContainText(state.recipient);
});

test("today's report shows the numbers GET /api/v1/otp/reports answers", async ({ page, request }) => {
  await resumeSession(page, state.session);
  await page.goto(`/console/reports?from=${today}&through=${today}`);
  await expect(page.getByRole("heading", { level: 1, name: "Reports" })).toBeVisible();
  const from = `${today}T00:00:00.000Z`;
  const to = new Date(Date.parse(from) + 86_400_000).toISOString();
  const auth = { Authorization: `Bearer ${state.secret}` };
  const api = await (await request.get(`/api/v1/otp/reports?${new URLSearchParams({ from, to, interval: "hour", groupBy: "country" })}`, { headers: auth })).json();
  expect(api.totals.sent).toBeGreaterThanOrEqual(1);
  for (const name of ["sent", "delivered", "approved", "failed"] as const) {
    await expect(page.getByTestId(`report-total-${name}`)).toHaveText(String(api.totals[name]));
  }
  const br = api.groups.find((g: { key: string }) => g.key === "BR");
  const row = page.getByTestId("report-countries").locator('tr[data-key="BR"]');
  await expect(row.locator('[data-col="sent"]')).toHaveText(String(br.sent));
  await expect(row.locator('[data-col="approved"]')).toHaveText(String(br.approved));
  // The charts are drawn (recharts renders SVG paths once it has a size).
  await expect(page.locator(".recharts-surface").first()).toBeVisible();

  const csv = await page.request.get(`/console/reports/export?from=${today}&through=${today}`);
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toContain(`country,BR,${br.sent},`);
});

test("reveal and roll the webhook secret", async ({ page }) => {
  await resumeSession(page, state.session);
  await page.goto("/console/webhooks");
  const secret = page.getByTestId("webhook-secret");
  await expect(secret).toContainText("••••");
  await page.getByRole("button", { name: "Reveal" }).click();
  await expect(secret).toHaveText(/^whsec_/);
  const before = (await secret.textContent())!;
  await page.getByRole("button", { name: "Roll secret" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Roll secret" }).click();
  await expect(page.getByText(/^Secret rolled/)).toBeVisible();
  await expect(secret).not.toHaveText(before);
  await expect(secret).toHaveText(/^whsec_/);
  await expect(page.getByText(/previous secret also signs/)).toBeVisible();
  await page.goto("/console/audit-log?action=webhook.secret_rolled");
  await expect(page.getByRole("region", { name: "Audit log entries" }).getByText("webhook.secret_rolled")).toBeVisible();
});

test("every part-2 page passes axe and is photographed", async ({ page }) => {
  test.setTimeout(300_000); // 9 pages × (2 axe runs + 4 full-page screenshots) on a shared machine
  await resumeSession(page, state.session);
  const pages: [string, string][] = [
    ["templates", "/console/templates"],
    ["widget", "/console/widget"],
    ["webhooks", "/console/webhooks"],
    ["verifications", "/console/logs"],
    ["verification", `/console/logs/${state.verificationId}`],
    ["reports", `/console/reports?from=${today}&through=${today}`],
    ["reports-empty", "/console/reports?from=2020-01-01&through=2020-01-31"],
    ["outbox", "/console/outbox"],
    ["overview", "/console"],
  ];
  for (const [name, path] of pages) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await expectAccessible(page, `${name} (${scheme})`, { soft: true });
    }
    await page.emulateMedia({ colorScheme: "light" });
    await page.setViewportSize({ width: 375, height: 900 });
    await painted(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    // Soft: one run reports every page's problems and still takes every screenshot.
    expect.soft(overflow, `${name} at 375 px`).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 900 });
    await photograph(page, name);
  }
});
