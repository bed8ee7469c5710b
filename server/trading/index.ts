import type { Logger } from "pino";
import type { Timeframe } from "@/nodes/data/timeframes";
import type { Bus } from "@/server/bus/bus";
import type { DataServices } from "@/server/data";
import type { Database } from "@/server/db/client";
import { replayMarket } from "./market";
import { PaperRuntime } from "./runtime";
import { storedSettings } from "./settings";

/** The paper runtime of this process, reading each session's dataset through the owner's data services. */
export function startPaperRuntime(db: Database, bus: Bus, log: Logger, data: DataServices): PaperRuntime {
  const runtime = new PaperRuntime({
    db,
    bus,
    log,
    market: async (session) =>
      replayMarket(
        await data.load(session.owner_id, session.dataset),
        session.timeframe as Timeframe,
        1000 / storedSettings(session.settings).barsPerSecond,
      ),
  });
  runtime.start();
  return runtime;
}
