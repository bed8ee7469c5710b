import type { Logger } from "pino";
import { type Bus, createRedisBus } from "@/server/bus/bus";
import { connectRedis } from "@/server/bus/redis";
import { DataServices } from "@/server/data";
import { type Database, openDatabase } from "@/server/db/client";
import { migrate } from "@/server/db/migrate";
import type { Env } from "@/server/env";
import { loadEncryptionKey } from "@/server/security/encryption-key";
import { createSecretBox } from "@/server/security/secrets";
import { startPaperRuntime } from "./index";
import { SessionQueueConsumer } from "./queue";
import type { PaperRuntime } from "./runtime";

/** Timings a deployment leaves at their defaults; tests shorten them to see takeovers quickly. */
export interface RunnerTimings {
  leaseMs?: number;
  scanMs?: number;
  maxSessions?: number;
  claimIdleMs?: number;
  departedIdleMs?: number;
  /** The queue's stream; tests give each suite its own. */
  stream?: string;
}

/** Paper sessions running in this process, and how to hand them back. */
export interface SessionRunner {
  runtime: PaperRuntime;
  close(): Promise<void>;
}

/**
 * Runs paper sessions in this process. With Redis they come from the work queue (the scan for
 * sessions nobody holds stays as the safety net); without, from the scan and control messages.
 */
export async function startSessionRunner(
  services: { db: Database; bus: Bus; log: Logger; data: DataServices; redisUrl: string | undefined },
  timings: RunnerTimings = {},
): Promise<SessionRunner> {
  const { db, bus, log, data, redisUrl } = services;
  const { claimIdleMs, departedIdleMs, stream, ...runtimeTimings } = timings;
  const runtime = await startPaperRuntime(db, bus, log, data, {
    ...runtimeTimings,
    queued: Boolean(redisUrl),
  });
  if (!redisUrl) return { runtime, close: () => runtime.close() };
  const redis = await connectRedis(redisUrl, "strata-paper-queue").catch(async (error) => {
    await runtime.close();
    throw error;
  });
  const consumer = new SessionQueueConsumer({ redis, runtime, log, stream, claimIdleMs, departedIdleMs });
  consumer.start();
  return {
    runtime,
    async close() {
      // The queue first: a session taken while the runtime closes would run on after it.
      await consumer.close();
      await runtime.close();
    },
  };
}

/**
 * A runner process (`npm run runner`): paper sessions without HTTP, next to web processes started
 * with STRATA_SESSION_RUNNERS=external. It needs the Redis and PostgreSQL they use; the owner's
 * browser hears its updates through the bus.
 */
export async function startRunnerProcess(
  env: Env,
  log: Logger,
  timings: RunnerTimings = {},
): Promise<SessionRunner> {
  if (!env.REDIS_URL || !env.DATABASE_URL) {
    throw new Error(
      "A session runner needs REDIS_URL and DATABASE_URL: it takes sessions from the Redis work queue and records them in the web process's PostgreSQL. Set both to the values the web process uses.",
    );
  }
  const redis = await connectRedis(env.REDIS_URL, "strata-runner");
  const busReader = await connectRedis(env.REDIS_URL, "strata-runner-bus").catch((error) => {
    redis.disconnect();
    throw error;
  });
  let db: Database | null = null;
  try {
    db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.STRATA_DATA_DIR });
    await migrate(db);
  } catch (error) {
    await db?.close();
    redis.disconnect();
    busReader.disconnect();
    throw error;
  }
  const bus = createRedisBus(redis, busReader);
  // No recovery of interrupted downloads here: those belong to the web processes.
  const { key } = await loadEncryptionKey(env);
  const data = new DataServices({
    db,
    redis,
    bus,
    log,
    box: createSecretBox(key),
    dataDir: env.STRATA_DATA_DIR,
  });
  const runner = await startSessionRunner({ db, bus, log, data, redisUrl: env.REDIS_URL }, timings);
  log.info(
    { runtime: runner.runtime.instanceId },
    "The session runner is taking paper sessions from the queue.",
  );
  const opened = db;
  return {
    runtime: runner.runtime,
    async close() {
      await runner.close();
      await data.close();
      await bus.close();
      await redis.quit().catch(() => redis.disconnect());
      await opened.close();
    },
  };
}
