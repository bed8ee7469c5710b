// A session runner process for queue.test.ts: argv is the PostgreSQL URL, the Redis URL and the
// runner's timings as JSON. It logs JSON lines on stdout, the sessions it runs among them.

import { MEMORY_DATA_DIR } from "@/server/db/client";
import { parseEnv } from "@/server/env";
import { createLogger } from "@/server/ops/log";
import { startRunnerProcess } from "@/server/trading/runner";

const [databaseUrl, redisUrl, timings] = process.argv.slice(2);
const env = parseEnv({
  NODE_ENV: "test",
  DATABASE_URL: databaseUrl,
  REDIS_URL: redisUrl,
  STRATA_DATA_DIR: MEMORY_DATA_DIR,
});
const runner = await startRunnerProcess(env, createLogger("info"), JSON.parse(timings!));
process.on("SIGTERM", () => {
  void runner.close().then(() => process.exit(0));
});
