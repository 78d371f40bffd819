import { inject } from "vitest";

// Point this worker's lib/ code at the test server's database and data folder.
process.env.OTPILOT_DATA_DIR = inject("dataDir");
const databaseUrl = inject("databaseUrl");
if (databaseUrl) process.env.DATABASE_URL = databaseUrl;
else delete process.env.DATABASE_URL;
// The same rate-limit store as the server, so this worker's lib/ code is another instance of it: its
// changes of keys, apps and tenant limits announce themselves to the server's caches
// (lib/keys/config-version.ts) exactly as a second server's would.
delete process.env.REDIS_URL;
delete process.env.UPSTASH_REDIS_REST_URL;
delete process.env.UPSTASH_REDIS_REST_TOKEN;
const upstash = inject("upstash");
const redisUrl = inject("redisUrl");
if (upstash)
  Object.assign(process.env, {
    UPSTASH_REDIS_REST_URL: upstash.url,
    UPSTASH_REDIS_REST_TOKEN: upstash.token,
  });
else if (redisUrl) process.env.REDIS_URL = redisUrl;
// Like the test server: tests reach their own receivers and gateways on 127.0.0.1.
process.env.OTPILOT_ALLOW_PRIVATE_WEBHOOKS = "1";
