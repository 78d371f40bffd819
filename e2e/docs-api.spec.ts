import { expect, test } from "@playwright/test";

test("the API reference renders the OpenAPI document with Scalar, from our own origin only", async ({
  page,
  baseURL,
}, testInfo) => {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  const foreign: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (!["data:", "blob:"].includes(url.protocol) && url.origin !== new URL(baseURL!).origin)
      foreign.push(request.url());
  });

  await page.goto("/docs/api");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("API reference");
  const reference = page.locator(".otpilot-api-reference");
  // Rendered from /api/v1/openapi.json: the document's title, tags and operations.
  await expect(reference.getByText("OTPilot API").first()).toBeVisible({ timeout: 20_000 });
  await expect(reference.getByText("Send a code").first()).toBeVisible();
  await expect(reference.getByText("Add a template").first()).toBeAttached();
  await expect(reference.getByText("/api/v1/otp/verify").first()).toBeAttached();

  await page.screenshot({ path: `test-results/screenshots/${testInfo.project.name}-api-reference.png` });
  expect(foreign, "requests to other origins").toEqual([]);
  expect(errors).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test("the OpenAPI document is public and cacheable", async ({ request }) => {
  const response = await request.get("/api/v1/openapi.json");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("application/json");
  // cacheable by the caller (private: the answer carries the caller's RateLimit-* headers)
  expect(response.headers()["cache-control"]).toMatch(/max-age=\d+/);
  const document = await response.json();
  expect(document.openapi).toBe("3.1.0");
  expect(Object.keys(document.paths)).toContain("/api/v1/otp/send");
});
