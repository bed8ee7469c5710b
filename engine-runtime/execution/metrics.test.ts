import { describe, expect, test } from "vitest";
import { computeMetrics, drawdownCurve } from "./metrics";
import type { Trade } from "./types";

const QUARTER = (365.25 / 4) * 86_400_000;
const trade = (pnl: number) => ({ pnl }) as Trade;

describe("metrics on a hand-made equity curve", () => {
  // Five bars a quarter apart: one year, so 4 bars per year. Returns: +10 %, −10 %, +10 %, +10 %.
  const time = Float64Array.from([0, 1, 2, 3, 4], (k) => k * QUARTER);
  const equity = Float64Array.from([100, 110, 99, 108.9, 119.79]);
  const position = Float64Array.from([0, 1, 1, 0, 0]);
  const metrics = computeMetrics({
    time,
    equity,
    position,
    initialEquity: 100,
    trades: [10, -5, 0, 20].map(trade),
    fills: [],
  });
  const close = (value: number, expected: number, why: string) =>
    expect(value, why).toBeCloseTo(expected, 12);

  test("returns and annualisation", () => {
    close(metrics.barsPerYear, 4, "4 intervals in one year");
    close(metrics.totalReturn, 0.1979, "119.79 / 100 − 1");
    close(metrics.cagr, 0.1979, "one year, so CAGR equals the total return");
    // mean 0.05; deviations 0.05, −0.15, 0.05, 0.05; squares sum 0.03; sample variance 0.01; sd 0.1
    close(metrics.annualVolatility, 0.2, "0.1 × √4");
    close(metrics.sharpe, 1, "0.05 / 0.1 × √4");
    // downside deviation √(0.1² / 4) = 0.05
    close(metrics.sortino, 2, "0.05 / 0.05 × √4");
  });

  test("drawdown", () => {
    close(metrics.maxDrawdown, 0.1, "from the peak of 110 down to 99");
    expect(metrics.maxDrawdownBars, "from bar 1 (110) to bar 4 (119.79), the first bar back above it").toBe(
      3,
    );
    close(metrics.calmar, 1.979, "0.1979 / 0.1");
    const curve = Array.from(drawdownCurve(equity));
    for (const [t, expected] of [0, 0, 0.1, 0.01, 0].entries())
      close(curve[t], expected, `drawdown at bar ${t}`);
  });

  test("trades and exposure", () => {
    expect(metrics.trades).toBe(4);
    close(metrics.winRate, 0.5, "2 of 4 trades won; the one at 0 is neither");
    close(metrics.profitFactor, 6, "30 won / 5 lost");
    close(metrics.expectancy, 6.25, "25 / 4");
    close(metrics.averageWin, 15, "(10 + 20) / 2");
    close(metrics.averageLoss, -5, "one loss of 5");
    close(metrics.exposure, 0.4, "2 of 5 bars closed with a position");
    expect(metrics.longestFlatBars, "bars 3 and 4").toBe(2);
  });

  test("undefined values are NaN, not zero", () => {
    const none = computeMetrics({
      time: Float64Array.from([0, QUARTER]),
      equity: Float64Array.from([100, 100]),
      position: new Float64Array(2),
      initialEquity: 100,
      trades: [],
      fills: [],
    });
    expect(none.sharpe, "no variation").toBeNaN();
    expect(none.profitFactor, "no trades").toBeNaN();
    expect(none.maxDrawdown).toBe(0);
  });

  test("an unrecovered drawdown lasts to the last bar", () => {
    const m = computeMetrics({
      time: Float64Array.from([0, 1, 2, 3], (k) => k * QUARTER),
      equity: Float64Array.from([100, 120, 90, 100]),
      position: new Float64Array(4),
      initialEquity: 100,
      trades: [],
      fills: [],
    });
    close(m.maxDrawdown, 0.25, "120 → 90");
    expect(m.maxDrawdownBars, "bars 1 to 3, still below 120").toBe(2);
  });
});
