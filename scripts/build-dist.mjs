#!/usr/bin/env node
// The second half of `npm run build` (after `next build`):
// 1. bundles the CLI, the worker and the migration runner into dist/*.mjs with esbuild, so that
//    `npm run cli|worker` need no tsx (a devDependency); packages stay external and load from
//    node_modules, so nothing with native or WebAssembly files is rebundled;
// 2. completes the standalone server (<distDir>/standalone): Next leaves the static assets and
//    public/ to the deployer, and knows nothing of dist/; the files the bundles need from
//    node_modules are traced (@vercel/nft, as Next does) and copied in, so the standalone folder
//    alone runs the server, the CLI and the worker (the container image is that folder).
import fs from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import nft from "next/dist/compiled/@vercel/nft/index.js";

const root = path.resolve(import.meta.dirname, "..");
const distDir = process.env.NEXT_DIST_DIR || ".next";
const entries = { cli: "scripts/cli.ts", worker: "scripts/worker.ts", "db-migrate": "scripts/db-migrate.ts" };

const started = Date.now();
fs.rmSync(path.join(root, "dist"), { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: Object.fromEntries(Object.entries(entries).map(([name, file]) => [name, path.join(root, file)])),
  outdir: path.join(root, "dist"),
  outExtension: { ".js": ".mjs" },
  bundle: true,
  packages: "external",
  platform: "node",
  format: "esm",
  target: "node20.19",
  sourcemap: "linked",
  logLevel: "warning",
});
console.log(`[build-dist] dist/{${Object.keys(entries).join(",")}}.mjs in ${Date.now() - started} ms`);

const standalone = path.join(root, distDir, "standalone");
if (!fs.existsSync(path.join(standalone, "server.js"))) {
  console.log(`[build-dist] no ${distDir}/standalone/server.js: skipping the standalone folder`);
  process.exit(0);
}

const copy = (from, to) => {
  if (!fs.existsSync(from)) return;
  fs.rmSync(to, { recursive: true, force: true });
  fs.cpSync(from, to, { recursive: true });
};
copy(path.join(root, distDir, "static"), path.join(standalone, distDir, "static"));
copy(path.join(root, "public"), path.join(standalone, "public"));
copy(path.join(root, "dist"), path.join(standalone, "dist"));

const bundles = Object.keys(entries).map((name) => path.join(root, "dist", `${name}.mjs`));
const { fileList } = await nft.nodeFileTrace(bundles, { base: root, processCwd: root });
let added = 0;
for (const file of fileList) {
  if (!file.startsWith("node_modules/")) continue;
  const target = path.join(standalone, file);
  if (fs.existsSync(target)) continue;
  const source = path.join(root, file);
  if (fs.statSync(source).isDirectory()) continue;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(source, target);
  added++;
}
console.log(`[build-dist] ${distDir}/standalone completed (static, public, dist; ${added} files for the CLI and worker)`);
