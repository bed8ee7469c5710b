import { describe, expect, it } from "vitest";
import { barColumns, loadSample, sampleNames } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { talibRun } from "@/nodes/testing/talib";
import { expectCloseTo, expectStartShiftsOutputs, expectStreamingEqualsBatch } from "../ema/kernel-laws";
import { mfi } from "./mfi.node.ts";

describe("MFI", () => {
  it("is the positive share of typical price × volume", () => {
    const zeros = new Float64Array(3);
    const price = Float64Array.from([10, 12, 11]);
    const volume = Float64Array.from([5, 10, 20]);
    const [out] = runNode(mfi, { period: 2 }, [zeros, zeros, price, price, price, volume]);
    // Flows: +12 × 10 = 120 (price rose), −11 × 20 = 220 (price fell) → 120 / 340.
    expect(out[2], "positive flow 120 of 340").toBeCloseTo((100 * 120) / 340, 12);
  });

  it("is 0 on bars without volume, as in TA-Lib", () => {
    const sample = loadSample("2006-day-001.csv");
    const [out] = runNode(mfi, {}, barColumns(sample));
    expect(Array.from(out.subarray(14, 20)), "the 2006 files carry no volume").toEqual([0, 0, 0, 0, 0, 0]);
  });

  it.each(sampleNames())("equals TA-Lib MFI(14) and MFI(5) on %s", (name) => {
    const sample = loadSample(name);
    const { high, low, close, volume } = sample;
    for (const period of [14, 5]) {
      const [out] = runNode(mfi, { period }, barColumns(sample));
      expectCloseTo(
        out,
        talibRun("MFI", { high, low, close, volume }, { optInTimePeriod: period }).outReal,
        `MFI(${period})`,
      );
    }
  });

  it("streams bar by bar exactly as in batch", () => {
    expectStreamingEqualsBatch(mfi, {}, barColumns(loadSample("nvda-1999-2014.csv")));
  });

  it("treats bars before start as nonexistent", () => {
    expectStartShiftsOutputs(mfi, { period: 9 }, barColumns(loadSample("orcl-1995-2014.csv")));
  });
});
