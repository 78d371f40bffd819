import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, photograph } from "./console-helpers";

/** Fails the test on any browser console error or uncaught exception on the page. */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`${message.text()} (${message.location().url})`);
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}

/** Heading levels must start at h1 and never skip a level on the way down. */
async function expectHeadingsInOrder(page: Page) {
  const levels = await page
    .locator("h1, h2, h3, h4, h5, h6")
    .evaluateAll((headings) => headings.map((heading) => Number(heading.tagName.slice(1))));
  expect(levels[0]).toBe(1);
  expect(levels.filter((level) => level === 1)).toHaveLength(1);
  levels.forEach((level, index) => {
    if (index > 0)
      expect(level, `heading ${index} after h${levels[index - 1]}`).toBeLessThanOrEqual(
        levels[index - 1]! + 1,
      );
  });
}

test("home page shows the hero and links to docs, API reference and console", async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto("/");

  await expect(
    page.getByRole("heading", { level: 1, name: "Open-source phone verification you can run yourself" }),
  ).toBeVisible();
  await expect(page.getByRole("banner")).toBeVisible();
  await expect(page.getByRole("main")).toBeVisible();
  await expect(page.getByRole("contentinfo")).toBeVisible();
  await expect(page.getByText("POST", { exact: false }).first()).toBeAttached();
  await expect(page.getByRole("main")).toContainText("/api/v1/otp/send");
  await expect(page.getByRole("main")).toContainText("/api/v1/otp/verify");
  await expectHeadingsInOrder(page);

  await page.getByRole("main").getByRole("link", { name: "Read the quick start" }).click();
  await expect(page).toHaveURL(/\/docs$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Verify a phone number with OTPilot");
  await expectHeadingsInOrder(page);

  await page.goto("/");
  await page.getByRole("main").getByRole("link", { name: "API reference" }).click();
  await expect(page).toHaveURL(/\/docs\/api$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("API reference");

  await page.goto("/");
  await page.getByRole("main").getByRole("link", { name: "Open the console" }).first().click();
  // Signed out, the console asks to sign in (e2e/console.spec.ts covers the signed-in console).
  await expect(page).toHaveURL(/\/console\/sign-in$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in to the console");

  expect(errors).toEqual([]);
});

test("keyboard focus reaches the primary link and is visible", async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto("/");
  const primary = page.getByRole("main").getByRole("link", { name: "Read the quick start" });

  // Tab from the top of the page: skip link, header links, then the hero's primary action.
  for (let presses = 0; presses < 10; presses++) {
    await page.keyboard.press("Tab");
    if (await primary.evaluate((element) => element === document.activeElement)) break;
  }
  await expect(primary).toBeFocused();

  const outline = await primary.evaluate((element) => {
    const style = getComputedStyle(element);
    return { style: style.outlineStyle, width: parseFloat(style.outlineWidth), color: style.outlineColor };
  });
  expect(outline.style).not.toBe("none");
  expect(outline.width).toBeGreaterThanOrEqual(2);
  expect(outline.color).not.toBe("rgba(0, 0, 0, 0)");

  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/docs$/);
  expect(errors).toEqual([]);
});

test("the skip link is the first stop and jumps to the main content", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#main$/);
});

test("no page scrolls sideways", async ({ page }) => {
  for (const path of ["/", "/docs", "/docs/api", "/docs/compat", "/docs/self-hosting", "/console"]) {
    await page.goto(path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
});

test("screenshots for design review", async ({ page }, testInfo) => {
  for (const [name, path] of [
    ["home", "/"],
    ["docs", "/docs"],
    ["api", "/docs/api"],
    ["console-sign-in", "/console/sign-in"],
  ] as const) {
    await page.goto(path);
    await page.screenshot({
      path: `test-results/screenshots/${testInfo.project.name}-${name}.png`,
      fullPage: true,
    });
  }
});

test("the guides pass axe, light and dark, and are photographed", async ({ page }, testInfo) => {
  test.skip(testInfo.project.name === "mobile", "photograph() takes both widths itself");
  test.setTimeout(120_000); // 3 pages × (2 axe runs + 4 full-page screenshots) on a shared machine
  for (const [name, path] of [
    ["docs-compat", "/docs/compat"],
    ["docs-self-hosting", "/docs/self-hosting"],
    ["docs-widget", "/docs/widget"],
  ] as const) {
    await page.goto(path);
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await expectAccessible(page, `${path} (${scheme})`);
    }
    await photograph(page, name);
  }
});
