import type { Logger } from "pino";
import { type Env, parseEnv } from "@/server/env";
import { createLogger } from "./log";

export interface Stoppable {
  /** Said in the log when a signal arrives, e.g. "Strata is shutting down". */
  stopping: string;
  stopped: string;
  close(): Promise<void>;
}

/**
 * The life of a Strata process: read the environment (a bad one stops it with the sentence),
 * start, and on SIGINT or SIGTERM close in order, giving up after 20 s. A start that throws stops
 * the process with its message.
 */
export async function runProcess(start: (env: Env, log: Logger) => Promise<Stoppable>): Promise<void> {
  let env: Env;
  try {
    env = parseEnv();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
  const log = createLogger(env.LOG_LEVEL);
  let running: Stoppable;
  try {
    running = await start(env, log);
  } catch (error) {
    log.fatal((error as Error).message);
    process.exit(1);
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, running.stopping);
    const force = setTimeout(() => {
      log.error("Shutdown took too long; exiting.");
      process.exit(1);
    }, 20_000);
    force.unref();
    await running.close();
    log.info(running.stopped);
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}
