import type { Bar } from "@/engine-runtime/data/bars";
import type { Timeframe } from "@/nodes/data/timeframes";
import type { AlpacaBar } from "./schemas/bars";

const TIMEFRAMES: Record<Timeframe, string> = {
  "1m": "1Min",
  "5m": "5Min",
  "15m": "15Min",
  "30m": "30Min",
  "1h": "1Hour",
  "4h": "4Hour",
  "1d": "1Day",
  "1w": "1Week",
};

export function alpacaTimeframe(timeframe: Timeframe): string {
  return TIMEFRAMES[timeframe];
}

/** Crypto pairs are written with a slash ("BTC/USD"); everything else is a stock ticker. */
export function isCrypto(symbol: string): boolean {
  return symbol.includes("/");
}

const DAY = 86_400_000;

/**
 * Alpaca stamps daily and weekly stock bars at midnight New York time (04:00 or 05:00 UTC); our
 * days start at 00:00 UTC (nodes/data/timeframes.ts), so those bars move to their UTC date.
 */
export function barFromAlpaca(bar: AlpacaBar, timeframe: Timeframe): Bar {
  const stamp = Date.parse(bar.t);
  const time = timeframe === "1d" || timeframe === "1w" ? Math.floor(stamp / DAY) * DAY : stamp;
  return { time, open: bar.o, high: bar.h, low: bar.l, close: bar.c, volume: bar.v };
}

/** RFC 3339 for Alpaca's `start`/`end` parameters. */
export function rfc3339(time: number): string {
  return new Date(time).toISOString();
}
