import { pino } from "pino";

/** JSON logs, one line per event; each request's lines carry its request id. */
export function createLogger(level: string) {
  return pino({
    level,
    base: { service: "strata" },
    redact: {
      paths: [
        "*.password",
        "*.passwordHash",
        "*.token",
        "req.headers.cookie",
        "*.secretKey",
        "*.keyId",
        "*.ciphertext",
        "*.csv",
      ],
      censor: "[redacted]",
    },
  });
}
