import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { ConfigError, parseEnv, requireBaseUrl } from "@/lib/config/env";

describe("configuration", () => {
  it("runs with nothing set", () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.OTPILOT_DATA_DIR).toBe(".data");
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.OTPILOT_TRUST_PROXY).toBe(0);
  });

  it.each([
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
    [{ PORT: "eighty" }, "PORT"],
    [{ REDIS_URL: "http://redis" }, "REDIS_URL"],
    [{ OTPILOT_ENCRYPTION_KEYS: "nokid" }, "OTPILOT_ENCRYPTION_KEYS"],
    [{ OTPILOT_CODE_PEPPER: "short" }, "OTPILOT_CODE_PEPPER"],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL"],
  ])("a malformed value fails loudly naming the variable (%o)", (source, name) => {
    expect(() => parseEnv(source)).toThrow(ConfigError);
    expect(() => parseEnv(source)).toThrow(new RegExp(`${name}.*`));
  });

  it("an Upstash URL without its token says to set both", () => {
    expect(() => parseEnv({ UPSTASH_REDIS_REST_URL: "https://x.upstash.io" })).toThrow(/set both/);
  });
});

describe("the public URL in production", () => {
  const DATABASE_URL = "postgresql://otp@db:5432/otpilot";

  it("a production deployment without OTPILOT_BASE_URL refuses to start, naming the variable", () => {
    const config = parseEnv({ NODE_ENV: "production", DATABASE_URL });
    expect(() => requireBaseUrl(config)).toThrow(ConfigError);
    expect(() => requireBaseUrl(config)).toThrow(/OTPILOT_BASE_URL is not set/);
  });

  it("NEXTAUTH_URL stands in for it", () => {
    const config = parseEnv({ NODE_ENV: "production", DATABASE_URL, NEXTAUTH_URL: "https://verify.example.com" });
    expect(config.OTPILOT_BASE_URL).toBe("https://verify.example.com");
    expect(() => requireBaseUrl(config)).not.toThrow();
  });

  it("OTPILOT_BASE_URL wins over NEXTAUTH_URL; development needs neither", () => {
    const config = parseEnv({ NODE_ENV: "production", OTPILOT_BASE_URL: "https://a.example", NEXTAUTH_URL: "https://b.example" });
    expect(config.OTPILOT_BASE_URL).toBe("https://a.example");
    expect(() => requireBaseUrl(parseEnv({ NODE_ENV: "development", DATABASE_URL }))).not.toThrow();
  });

  it("`npm start` with no configuration at all (embedded database) still runs (CONTRACT §10)", () => {
    expect(() => requireBaseUrl(parseEnv({ NODE_ENV: "production" }))).not.toThrow();
  });

  it("the worker refuses to start in production without it", () => {
    const root = path.resolve(import.meta.dirname, "../../..");
    const env = { PATH: process.env.PATH ?? "", NODE_ENV: "production", DATABASE_URL, HOME: process.env.HOME ?? "/tmp" };
    const run = spawnSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/worker.ts"], {
      cwd: root,
      env: env as NodeJS.ProcessEnv,
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/OTPILOT_BASE_URL is not set/);
  }, 70_000);
});
