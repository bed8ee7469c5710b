import type { Logger } from "pino";
import type { Timeframe } from "@/nodes/data/timeframes";
import type { Bus } from "@/server/bus/bus";
import type { DataServices } from "@/server/data";
import type { Database } from "@/server/db/client";
import { LiveSessions } from "./live/session";
import { openVenueMarket } from "./live-market";
import { replayMarket } from "./market";
import { PaperRuntime, type PaperRuntimeOptions } from "./runtime";
import { storedSettings } from "./settings";

/**
 * The paper runtime of this process: each session reads its dataset replayed through the owner's
 * data services, or a venue's live market through the same connectors; resolves once it has
 * claimed the sessions nobody runs.
 */
export async function startPaperRuntime(
  db: Database,
  bus: Bus,
  log: Logger,
  data: DataServices,
  options: Pick<PaperRuntimeOptions, "leaseMs" | "scanMs" | "maxSessions" | "queued"> = {},
): Promise<PaperRuntime> {
  const alpacaKey = (ownerId: string) => data.credentials.reveal(ownerId, "alpaca");
  const runtime = new PaperRuntime({
    ...options,
    db,
    bus,
    log,
    live: new LiveSessions({ db, log, keys: alpacaKey }),
    market: async (session) =>
      session.market === "replay"
        ? replayMarket(
            await data.load(session.owner_id, session.dataset),
            session.timeframe as Timeframe,
            1000 / storedSettings(session.settings).barsPerSecond,
          )
        : openVenueMarket(session, data.connectors, alpacaKey, log),
  });
  await runtime.start();
  return runtime;
}
