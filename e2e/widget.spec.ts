import AxeBuilder from "@axe-core/playwright";
import { expect, test, type FrameLocator, type Page } from "@playwright/test";
import { auth, createTenant, randomMobile, startHostPage, widgetOrigin, type E2eTenant } from "./widget-helpers";

// CONTRACT §8 in a real browser: a host page on 127.0.0.1 embeds the widget served from localhost.
test.describe.configure({ mode: "default" });

let tenant: E2eTenant;
let hostOrigin: string;
let host: Awaited<ReturnType<typeof startHostPage>>;
const SHOTS = "test-results/widget-screenshots";

test.beforeAll(async ({ request }) => {
  test.setTimeout(120_000);
  tenant = createTenant();
  host = await startHostPage(tenant.publishableKeys.test, 'data-nonce="nonce-e2e"');
  hostOrigin = host.origin;
  const patched = await request.patch(`${widgetOrigin}/api/v1/apps/${tenant.appId}`, {
    headers: auth(tenant),
    data: { allowedOrigins: [hostOrigin], rateLimits: { widgetSendsPerIp: 1000, sendsPerRecipient: 100, sendsPerNumberPrefix: 1000 } },
  });
  expect(patched.status(), await patched.text()).toBe(200);
});

test.afterAll(async () => {
  await host?.close();
});

async function readCode(page: Page, recipient: string): Promise<{ code: string; body: string }> {
  let body = "";
  await expect
    .poll(async () => {
      const response = await page.request.get(`${widgetOrigin}/api/v1/outbox?recipient=${encodeURIComponent(recipient)}&limit=1`, { headers: auth(tenant) });
      body = (await response.json()).data?.[0]?.body ?? "";
      return body;
    })
    .toMatch(/#[0-9]{6}/);
  return { code: /#([0-9]{6})/.exec(body)![1]!, body };
}

function widgetFrame(page: Page): FrameLocator {
  return page.frameLocator("#verify iframe");
}

async function sendCode(frame: FrameLocator, number: { national: string }) {
  await frame.getByLabel("Country or region").selectOption("BR");
  await frame.getByLabel("Phone number", { exact: true }).fill(number.national);
  await frame.getByLabel("Phone number", { exact: true }).press("Enter");
  await expect(frame.getByRole("heading", { name: "Enter your code" })).toBeVisible({ timeout: 20_000 });
}

test("embedded on another origin: verify a number, the page gets a token, the server redeems it once", async ({ page }) => {
  await page.goto(host.url);
  const iframe = page.locator("#verify iframe");
  await expect(iframe).toHaveAttribute("allow", "otp-credentials");
  await expect(iframe).toHaveAttribute("title", /verification/i);
  await expect.poll(() => page.evaluate(() => (window as any).__events.map((e: any) => e.type))).toContain("otpilot:ready");

  const frame = widgetFrame(page);
  const number = randomMobile();
  await sendCode(frame, number);
  await expect(frame.locator("#sent-to")).toContainText(/\+55 11 9\d{4}[ -]?\d{4}/);
  await expect(frame.getByText(/Resend code in \d:\d\d/)).toBeVisible();
  const { code, body } = await readCode(page, number.e164);
  // WebOTP, cross-origin iframe form: @<top-level host> #<code> @<widget host>, as the last line.
  expect(body.trim().split("\n").pop()).toBe(`@127.0.0.1 #${code} @localhost`);

  await frame.getByLabel(/6-digit code/).pressSequentially(code);
  await expect(frame.getByRole("heading", { name: "Phone number verified" })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/${test.info().project.name}-embedded-verified.png`, fullPage: true });
  const verified = await expect
    .poll(() => page.evaluate(() => (window as any).__events.find((e: any) => e.type === "otpilot:verified")?.detail ?? null))
    .not.toBeNull()
    .then(() => page.evaluate(() => (window as any).__events.find((e: any) => e.type === "otpilot:verified").detail));
  expect(verified.recipient).toBe(number.e164);
  // The iframe grew or shrank to its content.
  const height = await iframe.evaluate((el) => (el as HTMLIFrameElement).style.height);
  expect(height).toMatch(/^\d+px$/);

  const redeem = () =>
    page.request.post(`${widgetOrigin}/api/v1/tokens/verify`, { headers: auth(tenant), data: { token: verified.token, nonce: "nonce-e2e" } });
  const first = await redeem();
  expect(first.status(), await first.text()).toBe(200);
  expect(await first.json()).toMatchObject({ valid: true, recipient: number.e164, appId: tenant.appId, origin: hostOrigin });
  const second = await redeem();
  expect(second.status()).toBe(409);
  expect((await second.json()).code).toBe("token_used");
});

test("a host origin not in allowedOrigins gets nothing", async ({ page }) => {
  const stranger = await startHostPage(tenant.publishableKeys.test);
  try {
    const refused: string[] = [];
    page.on("console", (m) => refused.push(m.text()));
    await page.goto(stranger.url);
    await page.waitForTimeout(2_000);
    // frame-ancestors refuses to render the widget in that page, so no form and no messages.
    await expect(widgetFrame(page).getByLabel("Phone number", { exact: true })).toHaveCount(0);
    expect(await page.evaluate(() => (window as any).__events)).toEqual([]);
    // And the widget API refuses that origin outright.
    const direct = await page.request.post(`${widgetOrigin}/api/widget/${tenant.publishableKeys.test}/challenge`, {
      headers: { Origin: stranger.origin },
      data: {},
    });
    expect(direct.status()).toBe(403);
  } finally {
    await stranger.close();
  }
});

test("a wrong code is announced; pasting the whole code verifies", async ({ page }) => {
  await page.goto(host.url);
  const frame = widgetFrame(page);
  const number = randomMobile();
  await sendCode(frame, number);
  const { code } = await readCode(page, number.e164);
  const wrong = code === "000000" ? "111111" : "000000";
  const input = frame.getByLabel(/6-digit code/);
  await input.fill(wrong);
  const alert = frame.locator("#code-error");
  await expect(alert).toHaveAttribute("role", "alert");
  await expect(alert).toHaveText(/That code isn't right\. Attempts left: 4\./);
  await expect(input).toHaveAttribute("aria-invalid", "true");
  await expect
    .poll(() => page.evaluate(() => (window as any).__events.filter((e: any) => e.type === "otpilot:error").map((e: any) => e.detail.code)))
    .toContain("invalid_code");

  // Paste: the whole code arrives in one input event (spaces included), and the form submits itself.
  await input.fill("");
  await input.focus();
  await page.keyboard.insertText(`${code.slice(0, 3)} ${code.slice(3)}`);
  await expect(frame.getByRole("heading", { name: "Phone number verified" })).toBeVisible();
});

test("change number goes back to the first step with the number kept", async ({ page }) => {
  await page.goto(host.url);
  const frame = widgetFrame(page);
  const number = randomMobile();
  await sendCode(frame, number);
  await frame.getByRole("button", { name: "Change number" }).click();
  await expect(frame.getByRole("heading", { name: "Verify your phone number" })).toBeVisible();
  await expect(frame.getByLabel("Phone number", { exact: true })).toBeFocused();
  await expect(frame.getByLabel("Phone number", { exact: true })).toHaveValue(number.national);
});

test("keyboard only: tab to the fields, Enter sends", async ({ page }) => {
  await page.goto(`${widgetOrigin}/widget/${tenant.publishableKeys.test}?locale=en`);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Country or region")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Phone number", { exact: true })).toBeFocused();
  await page.keyboard.type(randomMobile().e164);
  await page.keyboard.press("Enter");
  await expect(page.getByLabel(/6-digit code/)).toBeFocused({ timeout: 20_000 });
});

test("locale=ar lays out right to left; the number and code stay left to right", async ({ page }, info) => {
  await page.goto(`${widgetOrigin}/widget/${tenant.publishableKeys.test}?locale=ar`);
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.locator("html")).toHaveAttribute("lang", "ar");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("تحقّق من رقم هاتفك");
  const title = await page.getByRole("heading", { level: 1 }).evaluate((el) => getComputedStyle(el).direction);
  expect(title).toBe("rtl");
  await expect(page.locator("#phone")).toHaveAttribute("dir", "ltr");
  await page.screenshot({ path: `${SHOTS}/${info.project.name}-ar-phone.png`, fullPage: true });
  await page.locator("#phone").fill(randomMobile().e164);
  await page.locator("#phone").press("Enter");
  await expect(page.locator("#code")).toBeVisible({ timeout: 20_000 });
  await expect(page.locator("#code")).toHaveAttribute("dir", "ltr");
  await page.screenshot({ path: `${SHOTS}/${info.project.name}-ar-code.png`, fullPage: true });
});

for (const theme of ["light", "dark"] as const) {
  test(`axe: no WCAG 2.1 A/AA violations on both steps, ${theme}`, async ({ page }, info) => {
    await page.emulateMedia({ colorScheme: theme });
    await page.goto(`${widgetOrigin}/widget/${tenant.publishableKeys.test}?theme=${theme}&locale=en`);
    const axe = () => new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect((await axe()).violations).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/${info.project.name}-${theme}-phone.png`, fullPage: true });

    await page.getByLabel("Phone number", { exact: true }).fill(randomMobile().e164);
    await page.getByRole("button", { name: "Send code" }).click();
    await expect(page.getByLabel(/6-digit code/)).toBeVisible({ timeout: 20_000 });
    await page.getByLabel(/6-digit code/).fill("12");
    await page.getByRole("button", { name: "Verify" }).click();
    await expect(page.locator("#code-error")).not.toBeEmpty();
    expect((await axe()).violations).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/${info.project.name}-${theme}-code.png`, fullPage: true });
  });
}

test("the widget page sends frame-ancestors with the app's allowed origins, and 'none' for none", async ({ page }) => {
  const response = await page.request.get(`${widgetOrigin}/widget/${tenant.publishableKeys.test}`);
  const csp = response.headers()["content-security-policy"] ?? "";
  expect(csp).toContain(`frame-ancestors ${hostOrigin}`);
  expect(csp).toContain("script-src 'self'");
  const unknown = await page.request.get(`${widgetOrigin}/widget/otppk_test_unknown`);
  expect(unknown.status()).toBe(404);
  expect(unknown.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
});

test("size budgets: /widget.js ≤ 5 KB gzipped, everything the widget page loads ≤ 50 KB gzipped", async ({ page }) => {
  const { gzipSync } = await import("node:zlib");
  const gz = async (url: string) => {
    const response = await page.request.get(url);
    expect(response.status(), url).toBe(200);
    return { url, bytes: gzipSync(await response.body(), { level: 9 }).length, text: await response.text() };
  };
  const loader = await gz(`${widgetOrigin}/widget.js`);
  expect(loader.bytes).toBeLessThanOrEqual(5 * 1024);

  // Every request the page really makes, in a browser, on both steps.
  const urls = new Set<string>();
  page.on("request", (r) => {
    if (!r.url().includes("/api/")) urls.add(r.url());
  });
  await page.goto(`${widgetOrigin}/widget/${tenant.publishableKeys.test}`);
  await page.waitForLoadState("networkidle");
  const assets = await Promise.all([...urls].map(gz));
  const total = assets.reduce((sum, a) => sum + a.bytes, 0);
  console.log(`widget.js ${loader.bytes} B gzipped; widget page ${total} B gzipped: ${assets.map((a) => `${new URL(a.url).pathname} ${a.bytes}`).join(", ")}`);
  expect(assets.length).toBeGreaterThanOrEqual(3); // the page, its script, its stylesheet
  expect(total).toBeLessThanOrEqual(50 * 1024);
});

test("/docs/widget shows the snippet, the token check and a live demo that works", async ({ page }, info) => {
  await page.goto(`${widgetOrigin}/docs/widget`);
  await expect(page.getByRole("heading", { level: 1, name: "Verification widget" })).toBeVisible();
  await expect(page.getByText("data-publishable-key").first()).toBeVisible();
  await expect(page.getByText("/api/v1/tokens/verify").first()).toBeVisible();
  const demo = page.frameLocator('[aria-label="Widget demo"] iframe');
  await expect(demo.getByRole("heading", { name: "Verify your phone number" })).toBeVisible();
  await demo.getByLabel("Phone number", { exact: true }).fill(randomMobile().e164);
  await demo.getByRole("button", { name: "Send code" }).click();
  await expect(demo.getByRole("heading", { name: "Enter your code" })).toBeVisible({ timeout: 20_000 });
  await page.locator('[aria-label="Widget demo"]').screenshot({ path: `${SHOTS}/${info.project.name}-docs-demo.png` });
});

test("an app with several channels offers the choice; the code goes out by the chosen one", async ({ page }) => {
  const created = await page.request.post(`${widgetOrigin}/api/v1/apps`, {
    headers: auth(tenant),
    data: { name: "Two channels", channels: ["sms", "whatsapp"], rateLimits: { widgetSendsPerIp: 1000 } },
  });
  expect(created.status(), await created.text()).toBe(201);
  const app = await created.json();
  await page.goto(`${widgetOrigin}/widget/${app.publishableKeys.test}?locale=en`);
  const group = page.getByRole("group", { name: "Send the code by" });
  await expect(group.getByRole("radio", { name: "SMS" })).toBeChecked();
  await group.getByRole("radio", { name: "WhatsApp" }).check();
  const number = randomMobile();
  await page.getByLabel("Phone number", { exact: true }).fill(number.e164);
  await page.getByRole("button", { name: "Send code" }).click();
  await expect(page.getByLabel(/6-digit code/)).toBeVisible({ timeout: 20_000 });
  const outbox = await page.request.get(`${widgetOrigin}/api/v1/outbox?recipient=${encodeURIComponent(number.e164)}&limit=1`, { headers: auth(tenant) });
  expect((await outbox.json()).data[0].channel).toBe("whatsapp");
});
