import { describe, expect, it } from "vitest";
import { barColumns, loadSample, sampleNames } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { talibRun } from "@/nodes/testing/talib";
import { expectCloseTo, expectStartShiftsOutputs, expectStreamingEqualsBatch } from "../ema/kernel-laws";
import { keltner } from "./keltner.node.ts";

describe("Keltner Channels", () => {
  it("puts the bands `multiplier` ATRs around the EMA", () => {
    const zeros = new Float64Array(3);
    const high = Float64Array.from([11, 12, 13]);
    const low = Float64Array.from([9, 10, 11]);
    const close = Float64Array.from([10, 11, 12]);
    const [upper, middle, lower] = runNode(keltner, { period: 2, atrPeriod: 1, multiplier: 2 }, [
      zeros,
      zeros,
      high,
      low,
      close,
      zeros,
    ]);
    // EMA(2) seeds at (10 + 11) / 2 = 10.5 then 10.5 + (12 − 10.5) × 2/3 = 11.5; ATR(1) is the true range 2.
    expect(Array.from(middle), "EMA of the close").toEqual([Number.NaN, 10.5, 11.5]);
    expect(Array.from(upper), "EMA + 2 × 2").toEqual([Number.NaN, 14.5, 15.5]);
    expect(Array.from(lower), "EMA − 2 × 2").toEqual([Number.NaN, 6.5, 7.5]);
  });

  it.each(sampleNames())(
    "equals TA-Lib EMA ± multiplier × TA-Lib ATR (20/10/2 and 10/20/1.5) on %s",
    (name) => {
      const sample = loadSample(name);
      const { high, low, close } = sample;
      for (const [period, atrPeriod, multiplier] of [
        [20, 10, 2],
        [10, 20, 1.5],
      ]) {
        const [upper, middle, lower] = runNode(
          keltner,
          { period, atrPeriod, multiplier },
          barColumns(sample),
        );
        const ema = talibRun("EMA", { inReal: close }, { optInTimePeriod: period }).outReal;
        const atr = talibRun("ATR", { high, low, close }, { optInTimePeriod: atrPeriod }).outReal;
        const both = (f: (e: number, a: number) => number) =>
          ema.map((e, i) => (Number.isNaN(atr[i]) ? Number.NaN : f(e, atr[i])));
        const label = `Keltner(${period}, ${atrPeriod}, ${multiplier})`;
        expectCloseTo(
          upper,
          both((e, a) => e + multiplier * a),
          `${label} upper`,
        );
        expectCloseTo(
          middle,
          both((e) => e),
          `${label} middle`,
        );
        expectCloseTo(
          lower,
          both((e, a) => e - multiplier * a),
          `${label} lower`,
        );
      }
    },
  );

  it("streams bar by bar exactly as in batch", () => {
    expectStreamingEqualsBatch(keltner, {}, barColumns(loadSample("nvda-1999-2014.csv")));
  });

  it("treats bars before start as nonexistent", () => {
    expectStartShiftsOutputs(
      keltner,
      { period: 12, atrPeriod: 15 },
      barColumns(loadSample("orcl-1995-2014.csv")),
    );
  });
});
