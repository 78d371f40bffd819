// Runs `prisma generate` after install. Prisma's CLI insists on locating its native schema engine
// even though generating the client never uses it, and that binary cannot be downloaded on every
// machine (see docs/PITFALLS in ARCHITECTURE.md). Pointing it at any existing file satisfies the check.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const env = { ...process.env, CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
let cli;
try {
  cli = require.resolve("prisma/build/index.js");
} catch {
  // `npm ci --omit=dev`: no prisma CLI. The built server and dist/ bundles carry the generated
  // client already (it is compiled into them), so there is nothing to generate.
  console.log("[postinstall] prisma (a devDependency) is not installed: skipping `prisma generate`; run `npm run build` where it is.");
  process.exit(0);
}
const result = spawnSync(process.execPath, [cli, "generate"], { stdio: "inherit", env });
process.exit(result.status ?? 1);
