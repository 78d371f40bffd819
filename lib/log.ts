import { createRequire } from "node:module";
import pino from "pino";

/**
 * The process logger. Secrets never reach it: headers that carry credentials and any field named
 * like a code or secret are redacted wherever they appear.
 */
export const logger = pino(
  {
    level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "warn" : "info"),
    base: undefined,
    redact: {
      paths: [
        "*.authorization",
        "*.Authorization",
        '*["x-api-key"]',
        '*["x-api-secret"]',
        "*.secret",
        "*.token",
        "*.password",
        "*.authToken",
        "*.accessToken",
        "code",
        "secret",
        "token",
      ],
      censor: "[redacted]",
    },
  },
  prettyStream(),
);

/**
 * Human-readable lines when a developer watches a terminal; JSON lines (for log collectors) everywhere
 * else. pino-pretty is a dev dependency, so production never loads it.
 */
function prettyStream(): pino.DestinationStream | undefined {
  if (process.env.NODE_ENV === "production" || !process.stdout.isTTY) return undefined;
  try {
    const pretty = createRequire(import.meta.url)("pino-pretty") as (
      options: object,
    ) => pino.DestinationStream;
    return pretty({ colorize: true, sync: true, ignore: "pid,hostname", translateTime: "HH:MM:ss" });
  } catch {
    return undefined;
  }
}
