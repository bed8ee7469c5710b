// A paper runtime alone in a process, for the crash test: argv is the PGlite data dir or a
// PostgreSQL URL, then the replay's ms per bar. Prints one JSON line per update it publishes.

import type { Timeframe } from "@/nodes/data/timeframes";
import { createMemoryBus } from "@/server/bus/bus";
import { openDatabase } from "@/server/db/client";
import { migrate } from "@/server/db/migrate";
import { loadDataset } from "@/server/jobs/datasets";
import { createLogger } from "@/server/ops/log";
import { USER_EVENTS_TOPIC, type UserEvent } from "@/server/realtime/events";
import { replayMarket } from "@/server/trading/market";
import { PaperRuntime } from "@/server/trading/runtime";

const [target, msPerBar] = process.argv.slice(2);
const db = await openDatabase(
  target!.startsWith("postgres") ? { databaseUrl: target, dataDir: "memory://" } : { dataDir: target! },
);
await migrate(db);
const bus = createMemoryBus();
bus.subscribe(USER_EVENTS_TOPIC, (event) => {
  const { payload } = event as UserEvent;
  process.stdout.write(`${JSON.stringify(payload)}\n`);
});
const runtime = new PaperRuntime({
  db,
  bus,
  log: createLogger("silent"),
  leaseMs: 1500,
  scanMs: 200,
  market: async (session) =>
    replayMarket(await loadDataset(session.dataset), session.timeframe as Timeframe, Number(msPerBar)),
});
runtime.start();
process.stdout.write(`${JSON.stringify({ ready: runtime.instanceId })}\n`);
process.on("SIGTERM", () => {
  void runtime
    .close()
    .then(() => db.close())
    .then(() => process.exit(0));
});
