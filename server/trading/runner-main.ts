import { parseEnv } from "@/server/env";
import { createLogger } from "@/server/ops/log";
import { startRunnerProcess } from "./runner";

/**
 * `npm run runner`: a process that runs paper sessions and serves no HTTP. Start any number of
 * them beside web processes started with STRATA_SESSION_RUNNERS=external and the same REDIS_URL
 * and DATABASE_URL. SIGINT or SIGTERM hands every session's lease back, so another runner
 * resumes it at once.
 */
async function main() {
  let env: ReturnType<typeof parseEnv>;
  try {
    env = parseEnv();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
  const log = createLogger(env.LOG_LEVEL);
  let runner: Awaited<ReturnType<typeof startRunnerProcess>>;
  try {
    runner = await startRunnerProcess(env, log);
  } catch (error) {
    log.fatal((error as Error).message);
    process.exit(1);
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "The session runner is handing its sessions back.");
    const force = setTimeout(() => {
      log.error("Shutdown took too long; exiting.");
      process.exit(1);
    }, 20_000);
    force.unref();
    await runner.close();
    log.info("The session runner stopped.");
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

void main();
