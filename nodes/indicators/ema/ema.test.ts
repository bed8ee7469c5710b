import { describe, expect, it } from "vitest";
import { loadSample, sampleNames } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { talibRun } from "@/nodes/testing/talib";
import { ema } from "./ema.node.ts";
import { expectCloseTo, expectStartShiftsOutputs, expectStreamingEqualsBatch } from "./kernel-laws";

describe("EMA", () => {
  it("seeds with the SMA of the first `period` values, then smooths by 2 / (period + 1)", () => {
    const [out] = runNode(ema, { period: 3 }, [Float64Array.from([1, 2, 3, 4, 5, 2])]);
    // seed (1+2+3)/3 = 2; then 2 + (4-2)/2 = 3; 3 + (5-3)/2 = 4; 4 + (2-4)/2 = 3
    expect(Array.from(out), "two warm-up bars, then 2, 3, 4, 3").toEqual([
      Number.NaN,
      Number.NaN,
      2,
      3,
      4,
      3,
    ]);
  });

  it.each(sampleNames())("equals TA-Lib EMA with default and non-default periods on %s", (name) => {
    const { close } = loadSample(name);
    for (const period of [30, 9]) {
      const [out] = runNode(ema, { period }, [close]);
      const { outReal } = talibRun("EMA", { inReal: close }, { optInTimePeriod: period });
      expectCloseTo(out, outReal, `EMA(${period}) on ${name}`);
    }
  });

  it.each(sampleNames())("streams bar by bar exactly like batch and honours start on %s", (name) => {
    const { close } = loadSample(name);
    expectStreamingEqualsBatch(ema, { period: 9 }, [close]);
    expectStartShiftsOutputs(ema, { period: 9 }, [close]);
  });
});
