import type { NextConfig } from "next";
import { apiHeaderRules } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  // PGlite ships its Postgres as WebAssembly plus data files it loads from its own folder at run
  // time; bundling it would break those paths, so the server requires it from node_modules.
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-socket", "pino", "pino-pretty"],
  poweredByHeader: false,
  // `npm run build` makes .next/standalone a self-contained server (node_modules included);
  // scripts/build-dist.mjs then adds the static assets, the compiled CLI and worker to it.
  output: "standalone",
  // The server applies these at start (lib/db/migrate.ts reads them with fs, which tracing cannot see).
  outputFileTracingIncludes: { "/**": ["./prisma/migrations/**/*"] },
  // Tests run their own server beside a developer's `npm run dev`; each needs its own build folder.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  typedRoutes: false,
  // By default `next build` writes Turbopack's cache into .next/cache for later builds: 13 s of a 71 s
  // build on 2 cores, and compiling got slower too (36 s against 24 without). CI builds once in a
  // fresh clone, so it sets OTPILOT_BUILD_CACHE=0 to skip it (48 s for the whole build).
  ...(process.env.OTPILOT_BUILD_CACHE === "0" ? { experimental: { turbopackFileSystemCacheForBuild: false } } : {}),
  // API answers' security headers (pages get theirs, with a nonce, from proxy.ts).
  async headers() {
    return apiHeaderRules();
  },
  // The App Router does not route folders whose names start with a dot.
  async rewrites() {
    return [{ source: "/.well-known/jwks.json", destination: "/api/widget/jwks.json" }];
  },
};

export default nextConfig;
