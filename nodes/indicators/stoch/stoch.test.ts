import { describe, expect, it } from "vitest";
import { barColumns, loadSample, sampleNames } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { talibRun } from "@/nodes/testing/talib";
import { expectCloseTo, expectStartShiftsOutputs, expectStreamingEqualsBatch } from "../ema/kernel-laws";
import { stoch } from "./stoch.node.ts";

describe("Stochastic", () => {
  it("smooths fast %K into %K and %K into %D", () => {
    const zeros = new Float64Array(4);
    const high = Float64Array.from([10, 12, 14, 14]);
    const low = Float64Array.from([8, 9, 10, 12]);
    const close = Float64Array.from([9, 10.5, 14, 12]);
    const params = { fastKPeriod: 2, slowKPeriod: 2, slowDPeriod: 2 };
    const [k, d] = runNode(stoch, params, [zeros, zeros, high, low, close, zeros]);
    // Fast %K 62.5, 100, 50 → %K 81.25, 75 → %D 78.125.
    expect(Array.from(k), "three bars of warm-up").toEqual([Number.NaN, Number.NaN, Number.NaN, 75]);
    expect(Array.from(d), "mean of 81.25 and 75").toEqual([Number.NaN, Number.NaN, Number.NaN, 78.125]);
  });

  it.each(sampleNames())("equals TA-Lib STOCH(5,3,3) and STOCH(14,1,5) on %s", (name) => {
    const sample = loadSample(name);
    const { high, low, close } = sample;
    for (const [fastKPeriod, slowKPeriod, slowDPeriod] of [
      [5, 3, 3],
      [14, 1, 5],
    ]) {
      const [k, d] = runNode(stoch, { fastKPeriod, slowKPeriod, slowDPeriod }, barColumns(sample));
      const expected = talibRun(
        "STOCH",
        { high, low, close },
        {
          optInFastK_Period: fastKPeriod,
          optInSlowK_Period: slowKPeriod,
          optInSlowK_MAType: 0,
          optInSlowD_Period: slowDPeriod,
          optInSlowD_MAType: 0,
        },
      );
      const label = `STOCH(${fastKPeriod},${slowKPeriod},${slowDPeriod})`;
      expectCloseTo(k, expected.outSlowK, `${label} %K`);
      expectCloseTo(d, expected.outSlowD, `${label} %D`);
    }
  });

  it("streams bar by bar exactly as in batch", () => {
    expectStreamingEqualsBatch(stoch, {}, barColumns(loadSample("nvda-1999-2014.csv")));
  });

  it("treats bars before start as nonexistent", () => {
    expectStartShiftsOutputs(stoch, { fastKPeriod: 9 }, barColumns(loadSample("orcl-1995-2014.csv")));
  });
});
