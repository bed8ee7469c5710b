import type { Redis } from "ioredis";
import type { Logger } from "pino";
import { type Bus, createMemoryBus, createRedisBus } from "@/server/bus/bus";
import { createMemoryRateLimiter, createRedisRateLimiter, type RateLimiter } from "@/server/bus/rate-limit";
import { connectRedis } from "@/server/bus/redis";
import { createDataServices, type DataServices } from "@/server/data";
import { type Database, openDatabase } from "@/server/db/client";
import { migrate } from "@/server/db/migrate";
import type { Env } from "@/server/env";
import { BacktestRunner } from "@/server/jobs/backtests";
import { prepareMarketplace } from "@/server/marketplace/setup";
import { createMetrics, type Metrics } from "@/server/ops/metrics";
import { SessionQueue } from "@/server/trading/queue";
import { startSessionRunner } from "@/server/trading/runner";
import type { PaperRuntime } from "@/server/trading/runtime";

/**
 * Everything the server talks to, chosen once at start-up from the environment:
 * one code path per concern, with an embedded and a configured adapter.
 */
export interface Services {
  env: Env;
  log: Logger;
  db: Database;
  /** Present only when REDIS_URL is set. */
  redis: Redis | null;
  bus: Bus;
  rateLimiter: RateLimiter;
  metrics: Metrics;
  backtests: BacktestRunner;
  /** Users' datasets, uploads, venue downloads and encrypted API keys. */
  data: DataServices;
  /**
   * Runs paper sessions under leases; stopping hands them back to be resumed. Null when
   * STRATA_SESSION_RUNNERS=external: runner processes run them.
   */
  paper: PaperRuntime | null;
  /** Present with Redis: where started and resumed sessions wait for a runner. */
  paperQueue: SessionQueue | null;
  close(): Promise<void>;
}

export async function createServices(env: Env, log: Logger): Promise<Services> {
  // Redis first: it connects in milliseconds, so a wrong REDIS_URL is reported before the database opens.
  let redis: Redis | null = null;
  let busReader: Redis | null = null;
  if (env.REDIS_URL) {
    redis = await connectRedis(env.REDIS_URL, "strata");
    busReader = await connectRedis(env.REDIS_URL, "strata-bus").catch((error) => {
      redis?.disconnect();
      throw error;
    });
  }
  let db: Database | null = null;
  try {
    db = await openDatabase({
      databaseUrl: env.DATABASE_URL,
      dataDir: env.STRATA_DATA_DIR,
      log: (msg) => log.info(msg),
    });
    await migrate(db);
  } catch (error) {
    await db?.close();
    redis?.disconnect();
    busReader?.disconnect();
    throw error;
  }
  const bus = redis && busReader ? createRedisBus(redis, busReader) : createMemoryBus();
  const rateLimiter = redis ? createRedisRateLimiter(redis) : createMemoryRateLimiter();
  const metrics = createMetrics();
  const backtests = new BacktestRunner(db, bus, log, metrics);
  const data = await createDataServices(env, db, redis, bus, log);
  const marketplace = prepareMarketplace(db, log, { seed: env.NODE_ENV !== "test" });
  const paperQueue = redis ? new SessionQueue(redis) : null;
  const runner =
    env.STRATA_SESSION_RUNNERS === "external"
      ? null
      : await startSessionRunner({ db, bus, log, data, redisUrl: env.REDIS_URL });
  const interrupted = await backtests.recoverInterrupted();
  if (interrupted > 0) log.warn({ interrupted }, "Marked backtests interrupted by the last stop as failed.");
  log.info(
    { database: db.kind, vector: db.vector, redis: Boolean(redis) },
    `Strata uses ${db.kind === "pglite" ? "the embedded database" : "PostgreSQL"} and ${redis ? "Redis" : "the in-process bus"}.`,
  );
  if (!runner) log.info("Paper sessions run in runner processes (npm run runner), not in this one.");
  return {
    env,
    log,
    db,
    redis,
    bus,
    rateLimiter,
    metrics,
    backtests,
    data,
    paper: runner?.runtime ?? null,
    paperQueue,
    async close() {
      await runner?.close();
      await backtests.close();
      await data.close();
      await bus.close();
      await marketplace;
      if (redis) await redis.quit().catch(() => redis?.disconnect());
      await db.close();
    },
  };
}
