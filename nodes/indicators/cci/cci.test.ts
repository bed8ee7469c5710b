import { describe, expect, it } from "vitest";
import { barColumns, loadSample, sampleNames } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { talibRun } from "@/nodes/testing/talib";
import { expectCloseTo, expectStartShiftsOutputs, expectStreamingEqualsBatch } from "../ema/kernel-laws";
import { cci } from "./cci.node.ts";

describe("CCI", () => {
  it("scales the typical price's distance from its mean by 0.015 × mean deviation", () => {
    const zeros = new Float64Array(3);
    const typical = Float64Array.from([1, 2, 6]);
    const [out] = runNode(cci, { period: 3 }, [zeros, zeros, typical, typical, typical, zeros]);
    // Mean 3, mean absolute deviation (2 + 1 + 3) / 3 = 2, distance 6 − 3 = 3 → 3 / 0.03 = 100.
    expect(out[2], "the worked example lands on +100").toBeCloseTo(100, 10);
  });

  it.each(sampleNames())("equals TA-Lib CCI(14) and CCI(40) on %s", (name) => {
    const sample = loadSample(name);
    const { high, low, close } = sample;
    for (const period of [14, 40]) {
      const [out] = runNode(cci, { period }, barColumns(sample));
      expectCloseTo(
        out,
        talibRun("CCI", { high, low, close }, { optInTimePeriod: period }).outReal,
        `CCI(${period})`,
      );
    }
  });

  it("streams bar by bar exactly as in batch", () => {
    expectStreamingEqualsBatch(cci, {}, barColumns(loadSample("nvda-1999-2014.csv")));
  });

  it("treats bars before start as nonexistent", () => {
    expectStartShiftsOutputs(cci, { period: 9 }, barColumns(loadSample("orcl-1995-2014.csv")));
  });
});
