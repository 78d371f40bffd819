import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";

/** The server under test is reached as localhost (the widget's origin); host pages live on 127.0.0.1. */
export const port = Number(process.env.E2E_PORT ?? 3100);
export const widgetOrigin = `http://localhost:${port}`;

export type E2eTenant = {
  tenantId: string;
  appId: string;
  keys: { test: { secret: string }; live: { secret: string } };
  publishableKeys: { test: string; live: string };
};

/** A fresh tenant in the running server's database, made with the CLI (CONTRACT §2). */
export function createTenant(): E2eTenant {
  const info = JSON.parse(fs.readFileSync(path.join(os.tmpdir(), `otpilot-e2e-${port}.json`), "utf8")) as { dataDir: string };
  const env: NodeJS.ProcessEnv = { ...process.env, OTPILOT_DATA_DIR: info.dataDir, LOG_LEVEL: "silent" };
  delete env.DATABASE_URL;
  const out = execFileSync(path.resolve("node_modules/.bin/tsx"), ["scripts/cli.ts", "tenant:create", "--name", `e2e-${Date.now()}`, "--json"], {
    env,
    encoding: "utf8",
    timeout: 60_000,
  });
  return JSON.parse(out.trim().split("\n").pop()!);
}

export const auth = (tenant: E2eTenant) => ({ Authorization: `Bearer ${tenant.keys.test.secret}` });

/** A random valid Brazilian mobile number. */
export function randomMobile(): { e164: string; national: string } {
  const digits = Array.from({ length: 8 }, () => Math.floor(Math.random() * 10)).join("");
  return { e164: `+55119${digits}`, national: `(11) 9${digits.slice(0, 4)}-${digits.slice(4)}` };
}

/**
 * A host page server on 127.0.0.1 (another origin than the widget's localhost) that embeds the
 * widget with the script tag and records the DOM events the loader dispatches.
 */
export async function startHostPage(publishableKey: string, extra = ""): Promise<{ url: string; origin: string; close(): Promise<void> }> {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title>
<style>body{font-family:system-ui;margin:0;padding:24px;background:#f1f5f9}</style></head>
<body><main><h1>Checkout</h1><div id="verify"></div></main>
<script>window.__events=[];["otpilot:ready","otpilot:verified","otpilot:error"].forEach(function(n){document.addEventListener(n,function(e){window.__events.push({type:n,detail:e.detail});});});</script>
<script src="${widgetOrigin}/widget.js" data-publishable-key="${publishableKey}" data-target="#verify" ${extra} async></script>
</body></html>`;
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url: `${origin}/`, origin, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
