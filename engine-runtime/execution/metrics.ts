import type { Fill, Trade } from "./types";

/**
 * The report's numbers. Returns and ratios are fractions (0.12 = 12 %); durations are in bars.
 *
 * Annualisation: the bar timeframe is inferred from the timestamps as bars per year =
 * (bars − 1) / (years between the first and last bar), with a year of 365.25 days. Over a long
 * sample this counts only the bars that exist, so daily stock data gives about 252 and 24/7 data
 * 365 per year, with no table of sessions. Per-bar returns are equity[t] / equity[t − 1] − 1.
 * - volatility: sample standard deviation of the returns × √(bars per year)
 * - Sharpe: mean return / that standard deviation × √(bars per year), risk-free rate 0
 * - Sortino: mean return / downside deviation × √(bars per year); downside deviation =
 *   √(Σ min(r, 0)² / number of returns), target 0
 * - CAGR: (final / initial equity)^(1 / years) − 1; Calmar: CAGR / max drawdown
 * - max drawdown: the largest fall from a running peak, as a fraction of the peak; its duration
 *   runs from that peak to the first bar back at or above it (or to the last bar, if never)
 * - trade statistics use closed trades only; a trade with P&L 0 is neither a win nor a loss
 * - exposure: the share of bars closing with a position; longest flat: the longest run of bars
 *   closing without one
 * Undefined values (a Sharpe with no variation, a profit factor with no trades) are NaN.
 */
export interface Metrics {
  initialEquity: number;
  finalEquity: number;
  netProfit: number;
  totalReturn: number;
  cagr: number;
  annualVolatility: number;
  sharpe: number;
  sortino: number;
  calmar: number;
  maxDrawdown: number;
  maxDrawdownBars: number;
  trades: number;
  winRate: number;
  profitFactor: number;
  expectancy: number;
  averageWin: number;
  averageLoss: number;
  exposure: number;
  longestFlatBars: number;
  totalCommission: number;
  barsPerYear: number;
}

const YEAR_MS = 365.25 * 86_400_000;

export interface MetricsInput {
  time: Float64Array;
  equity: Float64Array;
  position: Float64Array;
  initialEquity: number;
  trades: readonly Trade[];
  fills: readonly Fill[];
}

export function computeMetrics(input: MetricsInput): Metrics {
  const { time, equity, position, initialEquity, trades, fills } = input;
  let totalCommission = 0;
  for (const fill of fills) totalCommission += fill.commission;
  let exposedBars = 0;
  let flat = 0;
  let longestFlatBars = 0;
  for (let t = 0; t < position.length; t++) {
    if (position[t] !== 0) {
      exposedBars++;
      flat = 0;
    } else if (++flat > longestFlatBars) longestFlatBars = flat;
  }
  return summarise(
    time,
    equity,
    initialEquity,
    trades.map((trade) => trade.pnl),
    totalCommission,
    { exposedBars, longestFlatBars },
  );
}

/**
 * The metrics from the equity at each close, each closed trade's P&L in closing order, the
 * commission of all fills and the bars closing with and without a position. Each pass over the
 * bars is a function of its own returning a class instance, not an object literal: a literal built
 * once per run loses its type feedback between runs, so the compiled loop before it was thrown
 * away at its end and the next run started the loop in slow code again (measured: 3 ms a run).
 */
export function summarise(
  time: Float64Array,
  equity: Float64Array,
  initialEquity: number,
  tradePnl: ArrayLike<number>,
  totalCommission: number,
  { exposedBars, longestFlatBars }: { exposedBars: number; longestFlatBars: number },
): Metrics {
  const n = equity.length;
  const finalEquity = n > 0 ? equity[n - 1] : initialEquity;
  const years = n > 1 ? (time[n - 1] - time[0]) / YEAR_MS : Number.NaN;
  const barsPerYear = years > 0 ? (n - 1) / years : Number.NaN;
  const count = n - 1;

  const { sum, downside } = returnSums(equity);
  const mean = count > 0 ? sum / count : Number.NaN;
  const squares = squaredDeviations(equity, mean);
  const deviation = count > 1 ? Math.sqrt(squares / (count - 1)) : Number.NaN;
  const downsideDeviation = count > 0 ? Math.sqrt(downside / count) : Number.NaN;
  const annual = Math.sqrt(barsPerYear);

  const { maxDrawdown, maxDrawdownBars } = deepestDrawdown(equity);
  const growth = finalEquity / initialEquity;
  const cagr = years > 0 ? (growth > 0 ? growth ** (1 / years) - 1 : -1) : Number.NaN;

  const trades = tradePnl.length;
  const { wins, losses, grossProfit, grossLoss } = tradeSums(tradePnl);

  return {
    initialEquity,
    finalEquity,
    netProfit: finalEquity - initialEquity,
    totalReturn: growth - 1,
    cagr,
    annualVolatility: deviation * annual,
    sharpe: deviation > 0 ? (mean / deviation) * annual : Number.NaN,
    sortino: downsideDeviation > 0 ? (mean / downsideDeviation) * annual : Number.NaN,
    calmar: maxDrawdown > 0 ? cagr / maxDrawdown : Number.NaN,
    maxDrawdown,
    maxDrawdownBars,
    trades,
    winRate: trades > 0 ? wins / trades : Number.NaN,
    profitFactor:
      grossLoss < 0 ? grossProfit / -grossLoss : grossProfit > 0 ? Number.POSITIVE_INFINITY : Number.NaN,
    expectancy: trades > 0 ? (grossProfit + grossLoss) / trades : Number.NaN,
    averageWin: wins > 0 ? grossProfit / wins : Number.NaN,
    averageLoss: losses > 0 ? grossLoss / losses : Number.NaN,
    exposure: n > 0 ? exposedBars / n : Number.NaN,
    longestFlatBars,
    totalCommission,
    barsPerYear,
  };
}

/**
 * Σ r and Σ min(r, 0)² over the returns r = equity[t] / equity[t − 1] − 1. The returns' mean and
 * deviation take two passes (their divisions are independent, so they pipeline, where a running
 * mean is a chain of dependent divisions).
 */
function returnSums(equity: Float64Array): ReturnSums {
  let sum = 0;
  let downside = 0;
  for (let t = 1; t < equity.length; t++) {
    const r = equity[t] / equity[t - 1] - 1;
    sum += r;
    // The loss is the return times its sign test: the sign of a return is a coin toss while a
    // position is held, and a branch on it (Math.min compiles to branches) mispredicts half the
    // time. Times 0 it is ±0, which squares to 0 as Math.min(r, 0) does, unless r is infinite.
    const loss = r * +(r < 0);
    downside += loss * loss;
  }
  // A finite sum means every return was finite; otherwise the downside is summed again as defined.
  if (!Number.isFinite(sum)) downside = downsideSquares(equity);
  return new ReturnSums(sum, downside);
}

class ReturnSums {
  readonly sum: number;
  readonly downside: number;
  constructor(sum: number, downside: number) {
    this.sum = sum;
    this.downside = downside;
  }
}

/** Σ min(r, 0)² over the returns, for equity curves with an infinite or NaN return. */
function downsideSquares(equity: Float64Array): number {
  let downside = 0;
  for (let t = 1; t < equity.length; t++) {
    const loss = Math.min(equity[t] / equity[t - 1] - 1, 0);
    downside += loss * loss;
  }
  return downside;
}

/** Σ (r − mean)² over the returns. */
function squaredDeviations(equity: Float64Array, mean: number): number {
  let squares = 0;
  for (let t = 1; t < equity.length; t++) {
    const delta = equity[t] / equity[t - 1] - 1 - mean;
    squares += delta * delta;
  }
  return squares;
}

/**
 * The largest fall from a peak, as a fraction of the peak, and the bars from that peak to the first
 * close back at or above it (or to the last bar, if none is). A peak lasts until a close at or
 * above it ("at" keeps the latest bar at that level); its drawdown is the fall to its lowest close,
 * divided once per peak. The first of equal drawdowns is the one reported.
 */
function deepestDrawdown(equity: Float64Array): Drawdown {
  const n = equity.length;
  let maxDrawdown = 0;
  let maxDrawdownBars = 0;
  let peak = Number.NEGATIVE_INFINITY;
  let peakBar = 0;
  let lowest = Number.POSITIVE_INFINITY;
  // One more pass than bars: the last peak closes at n, which stands for "not recovered".
  for (let t = 0; t <= n; t++) {
    const value = t < n ? equity[t] : Number.POSITIVE_INFINITY;
    if (value >= peak) {
      if (lowest < peak && peak > 0) {
        const drawdown = 1 - lowest / peak;
        if (drawdown > maxDrawdown) {
          maxDrawdown = drawdown;
          maxDrawdownBars = Math.min(t, n - 1) - peakBar;
        }
      }
      peak = value;
      peakBar = t;
      lowest = value;
    } else if (value < lowest) lowest = value;
  }
  return new Drawdown(maxDrawdown, maxDrawdownBars);
}

class Drawdown {
  readonly maxDrawdown: number;
  readonly maxDrawdownBars: number;
  constructor(maxDrawdown: number, maxDrawdownBars: number) {
    this.maxDrawdown = maxDrawdown;
    this.maxDrawdownBars = maxDrawdownBars;
  }
}

/** Winning and losing trades and their P&L sums; a trade with P&L 0 is neither. */
function tradeSums(tradePnl: ArrayLike<number>): TradeSums {
  let wins = 0;
  let losses = 0;
  let grossProfit = 0;
  let grossLoss = 0;
  for (let k = 0; k < tradePnl.length; k++) {
    const pnl = tradePnl[k];
    if (pnl > 0) {
      wins++;
      grossProfit += pnl;
    } else if (pnl < 0) {
      losses++;
      grossLoss += pnl;
    }
  }
  return new TradeSums(wins, losses, grossProfit, grossLoss);
}

class TradeSums {
  readonly wins: number;
  readonly losses: number;
  readonly grossProfit: number;
  readonly grossLoss: number;
  constructor(wins: number, losses: number, grossProfit: number, grossLoss: number) {
    this.wins = wins;
    this.losses = losses;
    this.grossProfit = grossProfit;
    this.grossLoss = grossLoss;
  }
}

/** The fall from the running peak at every bar, as a fraction of that peak (0 at a new high). */
export function drawdownCurve(equity: Float64Array): Float64Array {
  const curve = new Float64Array(equity.length);
  let peak = Number.NEGATIVE_INFINITY;
  for (let t = 0; t < equity.length; t++) {
    if (equity[t] > peak) peak = equity[t];
    curve[t] = peak > 0 ? 1 - equity[t] / peak : 0;
  }
  return curve;
}
