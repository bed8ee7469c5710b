import { describe, expect, it } from "vitest";
import { barColumns, loadSample, sampleNames } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { talibRun } from "@/nodes/testing/talib";
import { expectCloseTo, expectStartShiftsOutputs, expectStreamingEqualsBatch } from "../ema/kernel-laws";
import { natr } from "./natr.node.ts";

describe("NATR", () => {
  it("gives ATR as a percent of the close", () => {
    const zeros = new Float64Array(3);
    const high = Float64Array.from([10, 11, 12]);
    const low = Float64Array.from([9, 9, 10]);
    const close = Float64Array.from([10, 10, 8]);
    const [out] = runNode(natr, { period: 1 }, [zeros, zeros, high, low, close, zeros]);
    expect(Array.from(out), "true ranges 2 and 2 over closes 10 and 8").toEqual([Number.NaN, 20, 25]);
  });

  it.each(sampleNames())("equals TA-Lib NATR(14) and NATR(7) on %s", (name) => {
    const sample = loadSample(name);
    const { high, low, close } = sample;
    for (const period of [14, 7]) {
      const [out] = runNode(natr, { period }, barColumns(sample));
      expectCloseTo(
        out,
        talibRun("NATR", { high, low, close }, { optInTimePeriod: period }).outReal,
        `NATR(${period})`,
      );
    }
  });

  it("streams bar by bar exactly as in batch", () => {
    expectStreamingEqualsBatch(natr, {}, barColumns(loadSample("nvda-1999-2014.csv")));
  });

  it("treats bars before start as nonexistent", () => {
    expectStartShiftsOutputs(natr, { period: 6 }, barColumns(loadSample("orcl-1995-2014.csv")));
  });
});
