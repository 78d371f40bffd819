import AxeBuilder from "@axe-core/playwright";
import { expect, type BrowserContext, type Page } from "@playwright/test";

/** The console e2e specs' shared steps: the demo person, sign-in, axe and screenshots. */
export const DEMO = { email: "demo@otpilot.local", password: process.env.OTPILOT_DEMO_PASSWORD ?? "e2e-demo-password" };

export async function signIn(page: Page, email = DEMO.email, password = DEMO.password) {
  await page.goto("/console/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/console$/);
}

/** A signed-in person's cookies, taken with `session(page)` after signIn(). */
export type Session = Awaited<ReturnType<BrowserContext["storageState"]>>["cookies"];

export async function session(page: Page): Promise<Session> {
  return (await page.context().storageState()).cookies;
}

/**
 * Signs in with a session an earlier test of the same serial file made through the form (each test
 * gets a fresh browser context), instead of filling the form again: the first test of each file and
 * the invitation test still sign in through the form.
 */
export async function resumeSession(page: Page, cookies: Session) {
  expect(cookies.length, "the first test signed in").toBeGreaterThan(0);
  await page.context().addCookies(cookies);
}

/** Zero WCAG 2.1 A/AA violations, listed by rule and element when there are some. */
export async function expectAccessible(page: Page, name: string, options: { soft?: boolean } = {}) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  (options.soft ? expect.soft : expect)(
    results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    name,
  ).toEqual([]);
}

/** Resolves once the browser has laid out and painted the page as it is now (two animation frames). */
export async function painted(page: Page) {
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
}

/**
 * Full-page screenshots at 1280 and 375 px, light and dark, into test-results/screenshots/. CSS
 * transitions (e.g. colours after the scheme changes) are finished at once instead of waited for.
 */
export async function photograph(page: Page, name: string) {
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 });
      await painted(page);
      await page.screenshot({ path: `test-results/screenshots/console-${name}-${width}-${scheme}.png`, fullPage: true, animations: "disabled" });
    }
  }
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** Creates a secret key in the console and returns it (the dialog shows it once). */
export async function createKeyInConsole(page: Page, name: string, mode: "test" | "live"): Promise<string> {
  await page.goto("/console/api-keys");
  await page.getByRole("button", { name: "Create key" }).first().click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByLabel("Mode").selectOption(mode);
  await dialog.getByRole("button", { name: "Create key" }).click();
  const secretDialog = page.getByRole("dialog", { name: "Store your secret key now" });
  const secret = (await secretDialog.getByTestId("new-secret").textContent())!.trim();
  await secretDialog.getByLabel("I have stored it").check();
  await secretDialog.getByRole("button", { name: "Done" }).click();
  await expect(secretDialog).toBeHidden();
  return secret;
}
