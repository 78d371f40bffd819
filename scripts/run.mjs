#!/usr/bin/env node
// `npm run cli|worker|db:migrate`: runs scripts/<name>.ts through tsx where tsx is installed (a
// development checkout: always the current source), else the bundle `npm run build` made in
// dist/<name>.mjs (an install with --omit=dev, or the container image, which has no tsx).
import { spawn } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

const root = path.resolve(import.meta.dirname, "..");
const [name, ...args] = process.argv.slice(2);
const source = path.join(root, "scripts", `${name}.ts`);
const bundle = path.join(root, "dist", `${name}.mjs`);

let tsx = null;
try {
  tsx = createRequire(import.meta.url).resolve("tsx/cli");
} catch {
  // not installed: production install
}

if (tsx && fs.existsSync(source)) {
  const child = spawn(process.execPath, [tsx, source, ...args], { stdio: "inherit" });
  // Ctrl-C reaches the whole foreground group anyway; a SIGTERM from a supervisor reaches only us.
  process.on("SIGTERM", () => child.kill("SIGTERM"));
  process.on("SIGINT", () => {});
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else if (fs.existsSync(bundle)) {
  process.argv = [process.argv[0], bundle, ...args];
  await import(pathToFileURL(bundle).href);
} else {
  console.error(`✖ No ${path.relative(root, bundle)} and no tsx to run ${path.relative(root, source)}: run \`npm run build\` first.`);
  process.exit(1);
}
