import { z } from "zod";
import type { BackoffOptions } from "./backoff";
import type { ConnectorLogger } from "./log";

/** Settings every network connector shares; each venue's config.ts extends this with its URLs. */
export const connectionSettings = z.object({
  staleAfterMs: z
    .number()
    .int()
    .min(10)
    .default(60_000)
    .describe("An open stream that sends nothing for this long is stale and is replaced."),
  connectTimeoutMs: z
    .number()
    .int()
    .min(10)
    .default(10_000)
    .describe("How long to wait for a connection to open."),
  reconnectInitialMs: z.number().int().min(1).default(1_000).describe("First wait before reconnecting."),
  reconnectMaxMs: z.number().int().min(1).default(60_000).describe("Longest wait between reconnects."),
  maxReconnects: z
    .number()
    .int()
    .min(0)
    .default(Number.MAX_SAFE_INTEGER)
    .describe("Failed connections in a row before the feed goes down."),
  httpAttempts: z.number().int().min(1).default(5).describe("Attempts per REST request."),
  maxRateLimitWaitMs: z
    .number()
    .int()
    .min(0)
    .default(120_000)
    .describe("A rate limit asking for a longer wait fails the request instead."),
});
export type ConnectionSettings = z.infer<typeof connectionSettings>;

/** What a connector is given besides its config: where to log and, in tests, the jitter source. */
export interface ConnectorDeps {
  logger?: ConnectorLogger;
  random?: () => number;
}

export function backoffOf(settings: ConnectionSettings, random?: () => number): BackoffOptions {
  return { initialMs: settings.reconnectInitialMs, maxMs: settings.reconnectMaxMs, random };
}
