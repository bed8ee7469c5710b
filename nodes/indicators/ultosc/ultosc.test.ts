import { describe, expect, it } from "vitest";
import { barColumns, loadSample, sampleNames } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { talibRun } from "@/nodes/testing/talib";
import { expectCloseTo, expectStartShiftsOutputs, expectStreamingEqualsBatch } from "../ema/kernel-laws";
import { ultosc } from "./ultosc.node.ts";

describe("Ultimate Oscillator", () => {
  it("weights buying pressure 4 : 2 : 1 from the shortest window", () => {
    const zeros = new Float64Array(3);
    const high = Float64Array.from([10, 12, 12]);
    const low = Float64Array.from([9, 10, 10]);
    const close = Float64Array.from([10, 11, 12]);
    const [out] = runNode(ultosc, { shortPeriod: 1, mediumPeriod: 2, longPeriod: 1 }, [
      zeros,
      zeros,
      high,
      low,
      close,
      zeros,
    ]);
    // Pressures (close − true low) 1, 2; true ranges 2, 2. Windows sorted to 1, 1, 2:
    // (4 × 2/2 + 2 × 2/2 + 3/4) / 7 × 100 on bar 2.
    expect(out[2], "sorted periods 1, 1, 2").toBeCloseTo(((4 + 2 + 0.75) / 7) * 100, 12);
  });

  it.each(sampleNames())("equals TA-Lib ULTOSC(7,14,28) and ULTOSC(10,5,20) on %s", (name) => {
    const sample = loadSample(name);
    const { high, low, close } = sample;
    for (const [shortPeriod, mediumPeriod, longPeriod] of [
      [7, 14, 28],
      [10, 5, 20],
    ]) {
      const [out] = runNode(ultosc, { shortPeriod, mediumPeriod, longPeriod }, barColumns(sample));
      const options = {
        optInTimePeriod1: shortPeriod,
        optInTimePeriod2: mediumPeriod,
        optInTimePeriod3: longPeriod,
      };
      expectCloseTo(
        out,
        talibRun("ULTOSC", { high, low, close }, options).outReal,
        `ULTOSC(${shortPeriod},${mediumPeriod},${longPeriod})`,
      );
    }
  });

  it("streams bar by bar exactly as in batch", () => {
    expectStreamingEqualsBatch(ultosc, {}, barColumns(loadSample("nvda-1999-2014.csv")));
  });

  it("treats bars before start as nonexistent", () => {
    expectStartShiftsOutputs(ultosc, { longPeriod: 21 }, barColumns(loadSample("orcl-1995-2014.csv")));
  });
});
