import { runProcess } from "@/server/ops/process";
import { startRunnerProcess } from "./runner";

/**
 * `npm run runner`: a process that runs paper sessions and serves no HTTP. Start any number of
 * them beside web processes started with STRATA_SESSION_RUNNERS=external and the same REDIS_URL
 * and DATABASE_URL. SIGINT or SIGTERM hands every session's lease back, so another runner
 * resumes it at once.
 */
void runProcess(async (env, log) => {
  const runner = await startRunnerProcess(env, log);
  return {
    stopping: "The session runner is handing its sessions back.",
    stopped: "The session runner stopped.",
    close: () => runner.close(),
  };
});
