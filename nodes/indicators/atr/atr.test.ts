import { describe, expect, it } from "vitest";
import { barColumns, loadSample, sampleNames } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { talibRun } from "@/nodes/testing/talib";
import { expectCloseTo, expectStartShiftsOutputs, expectStreamingEqualsBatch } from "../ema/kernel-laws";
import { atr } from "./atr.node.ts";

describe("ATR", () => {
  it("seeds with the mean of the first true ranges, then smooths Wilder's way", () => {
    const zeros = new Float64Array(4);
    const high = Float64Array.from([10, 11, 12, 13]);
    const low = Float64Array.from([9, 9, 11, 10]);
    const close = Float64Array.from([10, 10, 12, 11]);
    const [out] = runNode(atr, { period: 2 }, [zeros, zeros, high, low, close, zeros]);
    // True ranges from bar 1: 2, 2, 3. Seed (2 + 2) / 2 = 2; then (2 × 1 + 3) / 2 = 2.5.
    expect(Array.from(out), "two warm-up bars, seed 2, then 2.5").toEqual([Number.NaN, Number.NaN, 2, 2.5]);
  });

  it.each(sampleNames())("equals TA-Lib ATR(14) and ATR(5) on %s", (name) => {
    const sample = loadSample(name);
    const { high, low, close } = sample;
    for (const period of [14, 5]) {
      const [out] = runNode(atr, { period }, barColumns(sample));
      expectCloseTo(
        out,
        talibRun("ATR", { high, low, close }, { optInTimePeriod: period }).outReal,
        `ATR(${period})`,
      );
    }
  });

  it("equals TA-Lib's TRANGE at period 1, as TA-Lib's ATR(1) does", () => {
    const sample = loadSample("2006-day-001.csv");
    const { high, low, close } = sample;
    const [out] = runNode(atr, { period: 1 }, barColumns(sample));
    expectCloseTo(out, talibRun("ATR", { high, low, close }, { optInTimePeriod: 1 }).outReal, "ATR(1)");
  });

  it("streams bar by bar exactly as in batch", () => {
    expectStreamingEqualsBatch(atr, {}, barColumns(loadSample("nvda-1999-2014.csv")));
  });

  it("treats bars before start as nonexistent", () => {
    expectStartShiftsOutputs(atr, { period: 6 }, barColumns(loadSample("orcl-1995-2014.csv")));
  });
});
