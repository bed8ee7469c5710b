import { Redis } from "ioredis";
import { describeAddress } from "@/server/env";

/**
 * Connects to the Redis given by REDIS_URL, or stops with one sentence naming the variable,
 * the address and the fix. A configured Redis that cannot be reached is never silently skipped.
 */
export async function connectRedis(url: string, purpose = "Strata"): Promise<Redis> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 3000,
    maxRetriesPerRequest: 2,
    // After the first connection, ioredis reconnects by itself; before it, failing fast is the point.
    retryStrategy: (attempt) => (attempt > 20 ? null : Math.min(attempt * 200, 2000)),
    connectionName: purpose,
  });
  redis.on("error", () => {
    // Errors surface through the commands that fail; without a listener ioredis would print each retry.
  });
  try {
    await redis.connect();
    await redis.ping();
    return redis;
  } catch (error) {
    redis.disconnect();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `Strata could not reach the Redis server at ${describeAddress(url)} given by REDIS_URL (${reason}). Start Redis there, or unset REDIS_URL to use the in-process bus.`,
    );
  }
}
