import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/config/env";
import { limiterBackend } from "@/lib/rate-limit/limiter";

const saved = { ...process.env };

function configure(vars: Record<string, string | undefined>) {
  for (const name of ["REDIS_URL", "UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN"])
    delete process.env[name];
  Object.assign(process.env, vars);
  resetEnvCache();
}

afterEach(() => {
  process.env = { ...saved };
  resetEnvCache();
});

describe("limiterBackend", () => {
  it("is in-process memory when nothing is configured", () => {
    configure({});
    expect(limiterBackend()).toBe("memory");
  });

  it("is Redis over TCP with REDIS_URL", () => {
    configure({ REDIS_URL: "redis://127.0.0.1:6379" });
    expect(limiterBackend()).toBe("redis");
  });

  it("is Upstash with the REST URL and token, even when REDIS_URL is set too", () => {
    configure({
      UPSTASH_REDIS_REST_URL: "https://example.upstash.io",
      UPSTASH_REDIS_REST_TOKEN: "t",
      REDIS_URL: "redis://127.0.0.1:6379",
    });
    expect(limiterBackend()).toBe("upstash");
  });
});
