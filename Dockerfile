# syntax=docker/dockerfile:1
# OTPilot container image: the standalone server (`npm run build` → .next/standalone, which also holds
# the compiled CLI and worker in dist/). The same image runs the web server (default command), the
# worker (`node dist/worker.mjs`) and the CLI (`node dist/cli.mjs …`). See /docs/self-hosting.
ARG NODE_IMAGE=node:22-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
ENV NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1
# Dependencies first, so a source change does not reinstall them. The postinstall script generates
# the Prisma client from the schema. NODE_ENV must not be "production" here (devDependencies build).
COPY package.json package-lock.json prisma.config.ts ./
COPY scripts/prisma-generate.mjs ./scripts/
COPY prisma ./prisma
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOSTNAME=0.0.0.0 \
    OTPILOT_DATA_DIR=/data
# Only the standalone folder: server.js, its traced node_modules, static assets, migrations, dist/.
# Owned by root and read-only to the app; it writes only where it must: /data (the embedded
# database and generated secrets, when no DATABASE_URL) and Next's cache.
COPY --from=build /src/.next/standalone ./
RUN mkdir -p /data /app/.next/cache && chown node:node /data /app/.next/cache
# The official Node image's unprivileged user (uid 1000).
USER node
EXPOSE 3000
VOLUME ["/data"]
# 503 when the database or the rate-limit store is down (GET /api/health). The worker has no HTTP
# port: compose.yaml disables this check for it.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "server.js"]
