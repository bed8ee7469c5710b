import { createReplayConnector } from "@/engine-runtime/connectors/replay/connector";
import type { BarColumns } from "@/engine-runtime/data/bars";
import { TIMEFRAME_MS, type Timeframe } from "@/nodes/data/timeframes";
import type { SessionMarket } from "./session-run";

/**
 * A dataset's stored bars played as a live feed, one bar every `barIntervalMs` of wall time
 * whatever the timeframe. Replay time stands still while no runtime runs the session: a restart
 * resumes after the last recorded bar, so a replayed session misses nothing.
 */
export function replayMarket(bars: BarColumns, timeframe: Timeframe, barIntervalMs: number): SessionMarket {
  const barMs = TIMEFRAME_MS[timeframe];
  const source = () => bars;
  return {
    barMs,
    history: (from, to) => createReplayConnector({ source, speed: 1 }).history("", timeframe, from, to),
    subscribe: (after) =>
      createReplayConnector({ source, speed: barMs / barIntervalMs, from: after + 1 }).subscribe(
        [""],
        timeframe,
      ),
  };
}

/** Where a new session on these bars starts: warm-up on the first `warmup` bars, live trading after. */
export function sessionWindow(
  bars: BarColumns,
  warmup: number,
): { warmupFrom: number; liveFrom: number } | null {
  const n = bars.time.length;
  if (n <= warmup + 1) return null;
  return { warmupFrom: bars.time[0], liveFrom: bars.time[warmup] };
}
