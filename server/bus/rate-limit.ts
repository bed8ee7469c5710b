import type { Redis } from "ioredis";

export interface RateDecision {
  allowed: boolean;
  /** When the caller may try again, if refused. */
  retryAfterMs: number;
}

/** Fixed-window rate limiting: at most `limit` hits per key per window. */
export interface RateLimiter {
  hit(key: string, limit: number, windowMs: number): Promise<RateDecision>;
}

export function createMemoryRateLimiter(now: () => number = Date.now): RateLimiter {
  const windows = new Map<string, { count: number; resetAt: number }>();
  return {
    async hit(key, limit, windowMs) {
      const time = now();
      let window = windows.get(key);
      if (!window || window.resetAt <= time) {
        window = { count: 0, resetAt: time + windowMs };
        windows.set(key, window);
        if (windows.size > 50_000) for (const [k, w] of windows) if (w.resetAt <= time) windows.delete(k);
      }
      window.count++;
      return {
        allowed: window.count <= limit,
        retryAfterMs: window.count <= limit ? 0 : window.resetAt - time,
      };
    },
  };
}

/** The same policy shared by every instance through Redis (INCR + PEXPIRE on first hit). */
export function createRedisRateLimiter(redis: Redis): RateLimiter {
  return {
    async hit(key, limit, windowMs) {
      const redisKey = `strata:rate:${key}`;
      const [[, count], , [, remaining]] = (await redis
        .multi()
        .incr(redisKey)
        .pexpire(redisKey, windowMs, "NX")
        .pttl(redisKey)
        .exec()) as [[null, number], [null, number], [null, number]];
      return { allowed: count <= limit, retryAfterMs: count <= limit ? 0 : Math.max(remaining, 0) };
    },
  };
}
