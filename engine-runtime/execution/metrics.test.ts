import fc from "fast-check";
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

describe("metrics against their textbook definitions", () => {
  /** The definitions bar by bar: every return kept, every bar's drawdown from the running peak. */
  function textbook(equity: Float64Array) {
    const returns = Array.from({ length: equity.length - 1 }, (_, t) => equity[t + 1] / equity[t] - 1);
    const mean = returns.reduce((a, b) => a + b, 0) / returns.length;
    const variance = returns.reduce((a, r) => a + (r - mean) ** 2, 0) / (returns.length - 1);
    const curve = drawdownCurve(equity);
    const maxDrawdown = Math.max(0, ...curve);
    const worst = curve.indexOf(maxDrawdown);
    let peakBar = 0;
    for (let t = 0; t <= worst; t++) if (equity[t] >= equity[peakBar]) peakBar = t;
    let recovery = equity.length - 1;
    for (let t = peakBar + 1; t < equity.length; t++) {
      if (equity[t] >= equity[peakBar]) {
        recovery = t;
        break;
      }
    }
    return {
      mean,
      deviation: Math.sqrt(variance),
      maxDrawdown,
      bars: maxDrawdown > 0 ? recovery - peakBar : 0,
    };
  }

  test("mean, deviation, max drawdown and its duration agree on random equity curves", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 3, maxLength: 300 }), (steps) => {
        // Integer steps make flat stretches and equal peaks, where the tie rules matter.
        const equity = Float64Array.from(
          steps,
          (_, t) => 1000 + 10 * steps.slice(0, t + 1).reduce((a, b) => a + b, 0),
        );
        const m = computeMetrics({
          time: Float64Array.from(equity, (_, t) => t * QUARTER),
          equity,
          position: new Float64Array(equity.length),
          initialEquity: 1000,
          trades: [],
          fills: [],
        });
        const expected = textbook(equity);
        expect(m.maxDrawdown, "max drawdown").toBeCloseTo(expected.maxDrawdown, 14);
        expect(m.maxDrawdownBars, "bars from the worst peak to recovery").toBe(expected.bars);
        const annual = Math.sqrt(4);
        if (expected.deviation > 0) {
          expect(m.annualVolatility, "volatility").toBeCloseTo(expected.deviation * annual, 12);
          expect(m.sharpe, "Sharpe").toBeCloseTo((expected.mean / expected.deviation) * annual, 9);
        }
      }),
      { numRuns: 300 },
    );
  });
});
