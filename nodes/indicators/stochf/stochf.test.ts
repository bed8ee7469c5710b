import { describe, expect, it } from "vitest";
import { barColumns, loadSample, sampleNames } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { talibRun } from "@/nodes/testing/talib";
import { expectCloseTo, expectStartShiftsOutputs, expectStreamingEqualsBatch } from "../ema/kernel-laws";
import { stochf } from "./stochf.node.ts";

describe("Stochastic Fast", () => {
  it("places the close in the window's range and averages it", () => {
    const zeros = new Float64Array(4);
    const high = Float64Array.from([10, 12, 14, 14]);
    const low = Float64Array.from([8, 9, 10, 12]);
    const close = Float64Array.from([9, 10.5, 14, 12]);
    const [k, d] = runNode(stochf, { kPeriod: 2, dPeriod: 2 }, [zeros, zeros, high, low, close, zeros]);
    // %K on bars 1..3: (10.5 − 8) / 4 = 62.5, (14 − 9) / 5 = 100, (12 − 10) / 4 = 50.
    expect(Array.from(k), "%K waits for %D, as in TA-Lib").toEqual([Number.NaN, Number.NaN, 100, 50]);
    expect(Array.from(d), "%D averages two %K values").toEqual([Number.NaN, Number.NaN, 81.25, 75]);
  });

  it.each(sampleNames())("equals TA-Lib STOCHF(5,3) and STOCHF(14,1) on %s", (name) => {
    const sample = loadSample(name);
    const { high, low, close } = sample;
    for (const [kPeriod, dPeriod] of [
      [5, 3],
      [14, 1],
    ]) {
      const [k, d] = runNode(stochf, { kPeriod, dPeriod }, barColumns(sample));
      const options = { optInFastK_Period: kPeriod, optInFastD_Period: dPeriod, optInFastD_MAType: 0 };
      const expected = talibRun("STOCHF", { high, low, close }, options);
      expectCloseTo(k, expected.outFastK, `STOCHF(${kPeriod},${dPeriod}) %K`);
      expectCloseTo(d, expected.outFastD, `STOCHF(${kPeriod},${dPeriod}) %D`);
    }
  });

  it("streams bar by bar exactly as in batch", () => {
    expectStreamingEqualsBatch(stochf, {}, barColumns(loadSample("nvda-1999-2014.csv")));
  });

  it("treats bars before start as nonexistent", () => {
    expectStartShiftsOutputs(
      stochf,
      { kPeriod: 9, dPeriod: 4 },
      barColumns(loadSample("orcl-1995-2014.csv")),
    );
  });
});
