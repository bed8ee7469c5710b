import type { Bar } from "@/engine-runtime/data/bars";
import type { Timeframe } from "@/nodes/data/timeframes";
import type { ChartResult } from "./schemas/chart";

/** Yahoo's interval for each timeframe; 4h has none and is built from 60m bars. */
export const YAHOO_INTERVAL: Record<Timeframe, string> = {
  "1m": "1m",
  "5m": "5m",
  "15m": "15m",
  "30m": "30m",
  "1h": "60m",
  "4h": "60m",
  "1d": "1d",
  "1w": "1wk",
};

const DAY = 86_400_000;

/** How much history Yahoo serves per request at each interval (1m: 7 days; other intraday: 60 days). */
export const YAHOO_WINDOW_MS: Record<string, number> = {
  "1m": 7 * DAY,
  "5m": 60 * DAY,
  "15m": 60 * DAY,
  "30m": 60 * DAY,
  "60m": 730 * DAY,
  "1d": Number.POSITIVE_INFINITY,
  "1wk": Number.POSITIVE_INFINITY,
};

/**
 * Rows with any null price are sessions without data and are skipped. Daily and weekly bars are
 * stamped at the exchange's open; they move to the exchange's local date at 00:00 UTC, the day
 * boundary of nodes/data/timeframes.ts, using the exchange offset Yahoo reports.
 */
export function barsFromChart(result: ChartResult, daily: boolean): Bar[] {
  const quote = result.indicators.quote[0];
  const stamps = result.timestamp ?? [];
  const offset = result.meta.gmtoffset * 1000;
  const bars: Bar[] = [];
  for (let i = 0; i < stamps.length; i++) {
    const [open, high, low, close] = [quote.open[i], quote.high[i], quote.low[i], quote.close[i]];
    if (open === null || high === null || low === null || close === null) continue;
    const stamp = stamps[i] * 1000;
    const time = daily ? Math.floor((stamp + offset) / DAY) * DAY : stamp;
    bars.push({ time, open, high, low, close, volume: quote.volume[i] ?? 0 });
  }
  return bars;
}
