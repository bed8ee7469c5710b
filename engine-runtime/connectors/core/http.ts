import type { ZodType } from "zod";
import { Backoff, type BackoffOptions, sleep } from "./backoff";
import { type ConnectorLogger, excerpt } from "./log";

export interface HttpOptions {
  /** Venue name for messages: "Binance", "Alpaca", ... */
  venue: string;
  backoff: BackoffOptions;
  /** Attempts per request before giving up (rate limits and server errors both count). */
  maxAttempts: number;
  /** A rate limit asking for a longer wait than this fails the request instead of hanging it. */
  maxWaitMs: number;
  logger: ConnectorLogger;
  headers?: Record<string, string>;
}

/** A venue refused or failed a request; the message is a sentence fit for the user. */
export class VenueError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "VenueError";
  }
}

/**
 * GETs JSON from one venue. Rate limits (429, and Binance's 418 ban) close a gate shared by every
 * request of this client until the venue's Retry-After (or X-RateLimit-Reset) has passed, or an
 * exponential backoff if the venue names no time: requests wait at the gate instead of each
 * retrying on its own, so a limit is answered with silence, not a storm.
 */
export class HttpClient {
  #gateOpensAt = 0;
  readonly #options: HttpOptions;

  constructor(options: HttpOptions) {
    this.#options = options;
  }

  async getJson<T>(url: URL, schema: ZodType<T>): Promise<T> {
    const { venue, maxAttempts, logger } = this.#options;
    const backoff = new Backoff(this.#options.backoff);
    const where = `${url.pathname}${url.search}`;
    for (let attempt = 1; ; attempt++) {
      // Another request may push the gate further while this one sleeps: check again after waking.
      for (let wait = this.#gateOpensAt - Date.now(); wait > 0; wait = this.#gateOpensAt - Date.now()) {
        await sleep(wait);
      }
      let response: Response;
      try {
        response = await fetch(url, { headers: this.#options.headers });
      } catch (error) {
        if (attempt >= maxAttempts) {
          throw new VenueError(`${venue} could not be reached at ${url.origin} (${reason(error)}).`);
        }
        await sleep(backoff.next());
        continue;
      }
      if (response.status === 429 || response.status === 418) {
        await response.body?.cancel();
        const delay = Math.max(retryAfterMs(response.headers), backoff.next());
        if (attempt >= maxAttempts || delay > this.#options.maxWaitMs) {
          throw new VenueError(
            `${venue} is rate-limiting us (HTTP ${response.status}) and asks to wait ${Math.ceil(delay / 1000)} s; try again later.`,
            response.status,
          );
        }
        this.#gateOpensAt = Math.max(this.#gateOpensAt, Date.now() + delay);
        logger.warn(
          { venue, status: response.status, delayMs: Math.round(delay), where },
          "rate limited; backing off",
        );
        continue;
      }
      const text = await response.text();
      if (response.status >= 500 && attempt < maxAttempts) {
        logger.warn({ venue, status: response.status, where }, "server error; retrying");
        await sleep(backoff.next());
        continue;
      }
      if (!response.ok) {
        throw new VenueError(
          `${venue} refused GET ${url.pathname} with HTTP ${response.status}: ${excerpt(text)}`,
          response.status,
        );
      }
      return parsePayload(text, schema, `${venue} GET ${url.pathname}`);
    }
  }
}

/** Parses and validates a payload from outside; the error names where it came from and what is wrong. */
export function parsePayload<T>(text: string, schema: ZodType<T>, source: string): T {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new VenueError(`${source} sent text that is not JSON: ${excerpt(text, 80)}`);
  }
  return validatePayload(json, schema, source);
}

/** Validates a value already parsed from JSON (one element of a frame, say). */
export function validatePayload<T>(json: unknown, schema: ZodType<T>, source: string): T {
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue.path.length > 0 ? issue.path.join(".") : "the payload";
    throw new VenueError(`${source} sent a payload we do not understand: ${path}: ${issue.message}.`);
  }
  return parsed.data;
}

/** Retry-After in seconds or as an HTTP date, else Alpaca's X-RateLimit-Reset (epoch seconds); 0 if absent. */
export function retryAfterMs(headers: Headers, now = Date.now()): number {
  const retryAfter = headers.get("retry-after");
  if (retryAfter !== null) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(retryAfter);
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }
  const reset = Number(headers.get("x-ratelimit-reset"));
  if (reset > 0) return Math.max(0, reset * 1000 - now);
  return 0;
}

function reason(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : undefined;
  return cause ?? (error instanceof Error ? error.message : String(error));
}
