import pino from "pino";

/**
 * The process logger. Secrets never reach it: headers that carry credentials and any field named
 * like a code or secret are redacted wherever they appear.
 */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "warn" : "info"),
  base: undefined,
  redact: {
    paths: [
      "*.authorization",
      "*.Authorization",
      '*["x-api-key"]',
      '*["x-api-secret"]',
      "*.code",
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
});
