import { describe, expect, it } from "vitest";
import { barColumns, loadSample, sampleNames } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { talibRun } from "@/nodes/testing/talib";
import { expectCloseTo, expectStartShiftsOutputs, expectStreamingEqualsBatch } from "../ema/kernel-laws";
import { willr } from "./willr.node.ts";

describe("Williams %R", () => {
  it("measures the close down from the window's high", () => {
    const zeros = new Float64Array(3);
    const high = Float64Array.from([10, 12, 11]);
    const low = Float64Array.from([8, 9, 10]);
    const close = Float64Array.from([9, 11, 10]);
    const [out] = runNode(willr, { period: 2 }, [zeros, zeros, high, low, close, zeros]);
    // Bar 1: range 8..12, close 11 → −25. Bar 2: range 9..12, close 10 → −66.67.
    expect(out[1], "a quarter of the range below the high").toBe(-25);
    expect(out[2], "two thirds of the range below the high").toBeCloseTo(-66.6667, 4);
  });

  it.each(sampleNames())("equals TA-Lib WILLR(14) and WILLR(5) on %s", (name) => {
    const sample = loadSample(name);
    const { high, low, close } = sample;
    for (const period of [14, 5]) {
      const [out] = runNode(willr, { period }, barColumns(sample));
      expectCloseTo(
        out,
        talibRun("WILLR", { high, low, close }, { optInTimePeriod: period }).outReal,
        `WILLR(${period})`,
      );
    }
  });

  it("streams bar by bar exactly as in batch", () => {
    expectStreamingEqualsBatch(willr, {}, barColumns(loadSample("nvda-1999-2014.csv")));
  });

  it("treats bars before start as nonexistent", () => {
    expectStartShiftsOutputs(willr, { period: 9 }, barColumns(loadSample("orcl-1995-2014.csv")));
  });
});
