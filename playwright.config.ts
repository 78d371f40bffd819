import { defineConfig, devices } from "@playwright/test";

/**
 * End-to-end tests run against the production build (`next start`), never the dev server, so they
 * see what users get. `scripts/e2e-server.mjs` builds first when no build exists and gives the
 * server a fresh data folder, so a run never touches a developer's `.data/`.
 *
 * Set E2E_BASE_URL to test a server that is already running (e.g. `next dev`) instead.
 */
const port = Number(process.env.E2E_PORT ?? 3100);
const externalBaseUrl = process.env.E2E_BASE_URL;
// localhost, not 127.0.0.1: the server's public URL in e2e (scripts/e2e-server.mjs), so the console's
// sign-in stays on one origin and widget host pages on 127.0.0.1 are another origin.
const baseURL = externalBaseUrl ?? `http://localhost:${port}`;

// Debian's chromium: Playwright's own browser download is not reachable here.
const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
  ],
};

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/e2e",
  fullyParallel: true,
  // One browser by default: on a 2-core machine two were no faster (8.4 min against 8.8 with one, both
  // measured on 2026-11-30), and with two the serial console files and the server compete for the CPU
  // until clicks time out. E2E_WORKERS=2 on bigger machines.
  workers: Number(process.env.E2E_WORKERS) || 1,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : "list",
  // Generous: the suite also runs on busy CI machines and against `next dev`, which compiles on demand.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: chromiumLaunchOptions,
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"], launchOptions: chromiumLaunchOptions } },
    {
      name: "mobile",
      // A Chromium phone (Pixel 7's user agent and touch) at the 390 px width of the most common iPhones.
      use: {
        ...devices["Pixel 7"],
        viewport: { width: 390, height: 844 },
        launchOptions: chromiumLaunchOptions,
      },
    },
  ],
  webServer: externalBaseUrl
    ? undefined
    : {
        command: "node scripts/e2e-server.mjs",
        url: `http://127.0.0.1:${port}/`,
        env: { E2E_PORT: String(port) },
        reuseExistingServer: false,
        // SIGTERM (not Playwright's default SIGKILL) lets the script delete its temporary data folder.
        gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
        // A first run may include `next build`.
        timeout: 300_000,
        stdout: "pipe",
        stderr: "pipe",
      },
});
