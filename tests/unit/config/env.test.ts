import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "@/lib/config/env";

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
