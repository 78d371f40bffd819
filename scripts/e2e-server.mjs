#!/usr/bin/env node
// Serves the production build for Playwright: builds first when there is no build, then runs the
// standalone server (as `npm start` does) with a fresh, throw-away data folder so tests never see a
// developer's `.data/`.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
const port = process.env.E2E_PORT ?? "3100";
const distDir = process.env.NEXT_DIST_DIR || ".next";

const standaloneServer = path.join(root, distDir, "standalone", "server.js");
if (!existsSync(standaloneServer) || process.env.E2E_REBUILD === "1") {
  console.log("[e2e-server] no production build found: running `next build` and scripts/build-dist.mjs");
  const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
  const dist = spawnSync(process.execPath, [path.join(root, "scripts/build-dist.mjs")], { cwd: root, stdio: "inherit" });
  if (dist.status !== 0) process.exit(dist.status ?? 1);
}

const dataDir = mkdtempSync(path.join(tmpdir(), "otpilot-e2e-"));
console.log(`[e2e-server] data folder ${dataDir}, port ${port}`);
// Tests that need the server's database (e.g. the CLI making a tenant) find it here.
const infoFile = path.join(tmpdir(), `otpilot-e2e-${port}.json`);
writeFileSync(infoFile, JSON.stringify({ dataDir }));

const server = spawn(process.execPath, [standaloneServer], {
  cwd: root,
  stdio: "inherit",
  env: {
    ...process.env,
    NODE_ENV: "production",
    HOSTNAME: "127.0.0.1",
    OTPILOT_DATA_DIR: dataDir,
    PORT: port,
    // Browsers reach the server as localhost (playwright.config.ts): the console signs in there and the
    // widget is served from there, embedded by host pages on 127.0.0.1 (another origin).
    OTPILOT_BASE_URL: process.env.OTPILOT_BASE_URL ?? `http://localhost:${port}`,
    OTPILOT_DEMO_PASSWORD: process.env.OTPILOT_DEMO_PASSWORD ?? "e2e-demo-password",
  },
});

const removeDataDir = () => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(infoFile, { force: true });
};
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => server.kill(signal));
}
server.on("exit", (code, signal) => {
  removeDataDir();
  process.exit(code ?? (signal ? 1 : 0));
});
