import { describe, expect, it } from "vitest";
import { col, expectNoLookAhead, expectStreamingEqualsBatch } from "@/nodes/math/testing";
import { barColumns, loadSample } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { maxRelativeError, talibRun } from "@/nodes/testing/talib";
import { fibonacciRetracement } from "./fibonacciRetracement.node.ts";

const highs = [10, 12, 15, 13, 11, 16, 14];
const lows = [8, 9, 11, 10, 7, 12, 13];
const bars = [
  col(highs.map((_, i) => i)),
  col(highs),
  col(highs),
  col(lows),
  col(lows),
  col(highs.map(() => 0)),
];

describe("Fibonacci Retracement", () => {
  it("measures from the low up after a down-swing", () => {
    const out = runNode(fibonacciRetracement, { window: 5 }, bars);
    // Bar 4 sees bars 0–4: high 15 at bar 2, then low 7 at bar 4, so levels climb from 7 by r × 8.
    expect(out[0][4], "swing high").toBe(15);
    expect(out[1][4], "swing low").toBe(7);
    [8.888, 10.056, 11, 11.944, 13.288].forEach((level, k) => {
      expect(out[2 + k][4], `level ${k}: 7 + ratio × 8`).toBeCloseTo(level, 10);
    });
    expect(out[0][3], "bar 3 is still warming up (window 5)").toBeNaN();
  });

  it("measures from the high down after an up-swing", () => {
    const out = runNode(fibonacciRetracement, { window: 5 }, bars);
    // Bars 5 and 6 see high 16 at bar 5 after low 7 at bar 4: levels fall from 16 by r × 9.
    for (const bar of [5, 6]) {
      [13.876, 12.562, 11.5, 10.438, 8.926].forEach((level, k) => {
        expect(out[2 + k][bar], `bar ${bar} level ${k}: 16 − ratio × 9`).toBeCloseTo(level, 10);
      });
    }
  });

  it("takes its swing high and low from TA-Lib MAX(high) and MIN(low)", () => {
    const sample = loadSample("orcl-1995-2014.csv");
    const out = runNode(fibonacciRetracement, { window: 50 }, barColumns(sample));
    const high = talibRun("MAX", { inReal: sample.high }, { optInTimePeriod: 50 }).outReal;
    const low = talibRun("MIN", { inReal: sample.low }, { optInTimePeriod: 50 }).outReal;
    expect(maxRelativeError(out[0], high).error, "swing high is the highest high").toBe(0);
    expect(maxRelativeError(out[1], low).error, "swing low is the lowest low").toBe(0);
    for (let i = 49; i < sample.close.length; i++) {
      expect(out[4][i], `bar ${i}: the 50% level is the middle of the swing`).toBeCloseTo(
        (high[i] + low[i]) / 2,
        9,
      );
    }
  });

  it("never looks ahead and streams exactly like a batch run", () => {
    const sample = barColumns(loadSample("2006-min-005.csv"));
    expectStreamingEqualsBatch(fibonacciRetracement, { window: 30 }, sample, 4);
    expectNoLookAhead(fibonacciRetracement, { window: 30 }, sample);
  });
});
