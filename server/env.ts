import { isAbsolute, resolve } from "node:path";
import { z } from "zod";

/**
 * Strata's configuration, parsed once from the environment. Nothing else reads process.env.
 * With nothing set, Strata runs on embedded defaults: PGlite under `.data/`, an in-process bus.
 */
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  /** Where the embedded database and other files live. */
  STRATA_DATA_DIR: z.string().min(1).default(".data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgresql://")
    .optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "must start with redis:// or rediss://")
    .optional(),
  /**
   * 32 random bytes, base64: the key that encrypts secrets at rest (broker and data API keys,
   * AES-256-GCM). Absent, Strata creates one in the data folder on first start.
   */
  STRATA_ENCRYPTION_KEY: z
    .string()
    .refine(
      (v) => Buffer.from(v, "base64").length === 32,
      "must be 32 bytes encoded in base64 (openssl rand -base64 32)",
    )
    .optional(),
  /**
   * Where paper sessions run: "web" (the default) in the web process itself; "external" only in
   * runner processes (`npm run runner`), which take them from the Redis work queue.
   */
  STRATA_SESSION_RUNNERS: z.enum(["web", "external"]).default("web"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Set when Strata runs behind an HTTPS proxy: trust X-Forwarded-Proto/For and mark cookies Secure. */
  TRUST_PROXY: z
    .enum(["true", "false", "1", "0"])
    .default("false")
    .transform((v) => v === "true" || v === "1"),
  /** Extra origins allowed to send state-changing requests, comma-separated (the app's own origin always is). */
  ALLOWED_ORIGINS: z
    .string()
    .default("")
    .transform((v) =>
      v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    ),
});

export type Env = z.output<typeof schema>;

/** Parses the environment; a bad value stops the app with a sentence naming the variable. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`);
    throw new Error(
      `Strata's configuration is invalid: ${problems.join("; ")}. Fix the environment variable and start again.`,
    );
  }
  const env = parsed.data;
  if (env.STRATA_SESSION_RUNNERS === "external" && !(env.REDIS_URL && env.DATABASE_URL)) {
    throw new Error(
      "Strata's configuration is invalid: STRATA_SESSION_RUNNERS is external, which needs REDIS_URL and DATABASE_URL (runner processes take sessions from Redis and share the database). Set both, or unset STRATA_SESSION_RUNNERS.",
    );
  }
  // "memory://" keeps the embedded database in memory (tests); anything else is a folder.
  const dataDir = env.STRATA_DATA_DIR;
  const keep = dataDir.includes("://") || isAbsolute(dataDir);
  return { ...env, STRATA_DATA_DIR: keep ? dataDir : resolve(dataDir) };
}

/** An address safe to print: host and port, never credentials. */
export function describeAddress(url: string): string {
  try {
    const { hostname, port, protocol } = new URL(url);
    const defaultPort = protocol.startsWith("redis") ? "6379" : "5432";
    return `${hostname}:${port || defaultPort}`;
  } catch {
    return "an unparseable address";
  }
}
