import type { Connector } from "@/engine-runtime/connectors/core/types";
import { type BarColumns, emptyBars } from "@/engine-runtime/data/bars";
import { TIMEFRAME_MS, type Timeframe } from "@/nodes/data/timeframes";

/** Bars asked of a venue per history call while syncing: small enough for steady progress. */
const CHUNK_BARS = 5_000;

/**
 * A connector that fetches in chunks and reports, after each, the share of `total` market time
 * fetched so far and the bars received: how a sync shows progress while BarStore.sync drives it.
 */
export function withProgress(
  connector: Connector,
  total: number,
  onProgress: (done: number, bars: number) => void,
): Connector {
  let covered = 0;
  let received = 0;
  return {
    venue: connector.venue,
    async history(symbol: string, timeframe: Timeframe, from: number, to: number) {
      const step = TIMEFRAME_MS[timeframe] * CHUNK_BARS;
      const parts = [];
      for (let start = from; start < to; start += step) {
        const end = Math.min(to, start + step);
        const bars = await connector.history(symbol, timeframe, start, end);
        parts.push(bars);
        covered += end - start;
        received += bars.time.length;
        onProgress(total > 0 ? Math.min(1, covered / total) : 1, received);
      }
      return concatBars(parts);
    },
  };
}

function concatBars(parts: BarColumns[]): BarColumns {
  if (parts.length === 1) return parts[0];
  const out = emptyBars(parts.reduce((sum, part) => sum + part.time.length, 0));
  let offset = 0;
  for (const part of parts) {
    for (const field of ["time", "open", "high", "low", "close", "volume"] as const)
      out[field].set(part[field], offset);
    offset += part.time.length;
  }
  return out;
}
