#!/usr/bin/env node
// `npm start [-- --port N --hostname H]`: the standalone server `npm run build` made
// (<distDir>/standalone/server.js). server.js changes into its own folder, so a relative
// OTPILOT_DATA_DIR is resolved here first: the embedded database stays in the project's .data/,
// not inside the build output that the next build replaces.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } },
  strict: false,
});
if (typeof values.port === "string") process.env.PORT = values.port;
if (typeof values.hostname === "string") process.env.HOSTNAME = values.hostname;
// server.js listens on $HOSTNAME. Containers and some shells export HOSTNAME as the machine's own
// name, which would bind one interface only; like `next start`, listen on all unless told otherwise.
else if (!process.env.HOSTNAME || process.env.HOSTNAME === os.hostname()) process.env.HOSTNAME = "0.0.0.0";
process.env.OTPILOT_DATA_DIR = path.resolve(process.env.OTPILOT_DATA_DIR || ".data");
process.env.NODE_ENV ||= "production";

const root = path.resolve(import.meta.dirname, "..");
const server = path.join(root, process.env.NEXT_DIST_DIR || ".next", "standalone", "server.js");
if (!fs.existsSync(server)) {
  console.error(`✖ No production build at ${path.relative(process.cwd(), server)}: run \`npm run build\` first.`);
  process.exit(1);
}
await import(pathToFileURL(server).href);
