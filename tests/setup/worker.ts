import { inject } from "vitest";

// Point this worker's lib/ code at the test server's database and data folder.
process.env.OTPILOT_DATA_DIR = inject("dataDir");
const databaseUrl = inject("databaseUrl");
if (databaseUrl) process.env.DATABASE_URL = databaseUrl;
else delete process.env.DATABASE_URL;
delete process.env.REDIS_URL;
delete process.env.UPSTASH_REDIS_REST_URL;
// Like the test server: tests reach their own receivers and gateways on 127.0.0.1.
process.env.OTPILOT_ALLOW_PRIVATE_WEBHOOKS = "1";
