import { describe, expect, it } from "vitest";
import { barColumns, loadSample, sampleNames } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { talibRun } from "@/nodes/testing/talib";
import { expectCloseTo, expectStartShiftsOutputs, expectStreamingEqualsBatch } from "../ema/kernel-laws";
import { adosc } from "./adosc.node.ts";

describe("Chaikin Oscillator", () => {
  it("subtracts the slow EMA of the A/D line from the fast one", () => {
    const zeros = new Float64Array(2);
    const high = Float64Array.from([10, 10]);
    const low = Float64Array.from([8, 8]);
    const close = Float64Array.from([10, 10]);
    const volume = Float64Array.from([0, 90]);
    const [out] = runNode(adosc, { fastPeriod: 2, slowPeriod: 2 }, [zeros, zeros, high, low, close, volume]);
    expect(out[1], "equal periods cancel").toBe(0);
    const [spread] = runNode(adosc, { fastPeriod: 2, slowPeriod: 3 }, [
      zeros,
      zeros,
      high,
      low,
      close,
      volume,
    ]);
    // A/D 0 then 90: fast 2/3 × 90 = 60, slow 1/2 × 90 = 45; the slow EMA's warm-up ends on bar 2.
    expect(Number.isNaN(spread[1]), "max(2, 3) − 1 = 2 bars of warm-up").toBe(true);
  });

  it.each(sampleNames())("equals TA-Lib ADOSC(3,10) and ADOSC(5,20) on %s", (name) => {
    const sample = loadSample(name);
    const { high, low, close, volume } = sample;
    for (const [fastPeriod, slowPeriod] of [
      [3, 10],
      [5, 20],
    ]) {
      const [out] = runNode(adosc, { fastPeriod, slowPeriod }, barColumns(sample));
      const expected = talibRun(
        "ADOSC",
        { high, low, close, volume },
        { optInFastPeriod: fastPeriod, optInSlowPeriod: slowPeriod },
      );
      expectCloseTo(out, expected.outReal, `ADOSC(${fastPeriod},${slowPeriod})`);
    }
  });

  it("streams bar by bar exactly as in batch", () => {
    expectStreamingEqualsBatch(adosc, {}, barColumns(loadSample("nvda-1999-2014.csv")));
  });

  it("treats bars before start as nonexistent", () => {
    expectStartShiftsOutputs(adosc, { slowPeriod: 13 }, barColumns(loadSample("orcl-1995-2014.csv")));
  });
});
