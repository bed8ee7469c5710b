import type { Metrics } from "../execution/metrics";
import type { Trade } from "../execution/types";
import type { BacktestResult } from "../executor/result";

/**
 * A backtest report in plain JSON, small enough to keep with the backtest row and to send to
 * the browser: metrics, the trade list, and the equity and drawdown curves thinned to at most
 * `maxPoints` points (the deepest drawdown survives thinning).
 */
export interface StoredReport {
  metrics: Metrics;
  bars: number;
  firstTime: number;
  lastTime: number;
  /** [time, equity] pairs. */
  equity: [number, number][];
  /** [time, fall from the running peak as a positive fraction] pairs. */
  drawdown: [number, number][];
  trades: Trade[];
  openTrades: Trade[];
  /** The trade list is cut at this many; the metrics count every trade. */
  tradesTruncated: boolean;
}

const MAX_TRADES = 5000;

export function storedReport(result: BacktestResult, maxPoints = 1500): StoredReport {
  return {
    metrics: finiteMetrics(result.metrics),
    bars: result.bars,
    firstTime: result.time[0] ?? 0,
    lastTime: result.time[result.bars - 1] ?? 0,
    equity: thin(result.time, result.equity, maxPoints, "last"),
    drawdown: thin(result.time, result.drawdown, maxPoints, "deepest"),
    trades: result.trades.slice(0, MAX_TRADES),
    openTrades: result.openTrades,
    tradesTruncated: result.trades.length > MAX_TRADES,
  };
}

/** JSON has no Infinity or NaN; a profit factor with no losing trade is stored as null. */
function finiteMetrics(metrics: Metrics): Metrics {
  return Object.fromEntries(
    Object.entries(metrics).map(([key, value]) => [key, Number.isFinite(value) ? value : null]),
  ) as unknown as Metrics;
}

/**
 * Keeps one point per bucket of consecutive bars: the bucket's last value, or its deepest
 * one for drawdowns (the largest fall), so that thinning never hides the worst drawdown.
 */
function thin(
  time: Float64Array,
  values: Float64Array,
  maxPoints: number,
  keep: "last" | "deepest",
): [number, number][] {
  const n = values.length;
  if (n <= maxPoints) return Array.from(values, (v, i) => [time[i], v]);
  const bucket = Math.ceil(n / maxPoints);
  const points: [number, number][] = [];
  for (let start = 0; start < n; start += bucket) {
    const end = Math.min(n, start + bucket);
    let pick = end - 1;
    if (keep === "deepest") for (let i = start; i < end; i++) if (values[i] > values[pick]) pick = i;
    points.push([time[pick], values[pick]]);
  }
  return points;
}
