import { describe, expect, it } from "vitest";
import { loadSample, sampleNames } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { talibRun } from "@/nodes/testing/talib";
import { expectCloseTo, expectStartShiftsOutputs, expectStreamingEqualsBatch } from "../ema/kernel-laws";
import { t3 } from "./t3.node.ts";

const cases = [
  { params: {}, talib: { optInTimePeriod: 5, optInVFactor: 0.7 } },
  { params: { period: 8, volumeFactor: 0.4 }, talib: { optInTimePeriod: 8, optInVFactor: 0.4 } },
];

describe("T3", () => {
  it("equals the input on a constant series", () => {
    const [out] = runNode(t3, {}, [new Float64Array(30).fill(7)]);
    expect(Number.isNaN(out[23]), "warm-up is 6·(period − 1) = 24 bars").toBe(true);
    // c1 + c2 + c3 + c4 = 1, so a constant passes through.
    expect(out[24], "T3 of a constant").toBeCloseTo(7, 12);
  });

  it.each(sampleNames())("equals TA-Lib T3 with default and non-default params on %s", (name) => {
    const { close } = loadSample(name);
    for (const { params, talib } of cases) {
      const [out] = runNode(t3, params, [close]);
      const { outReal } = talibRun("T3", { inReal: close }, talib);
      expectCloseTo(out, outReal, `T3 ${JSON.stringify(params)} on ${name}`);
    }
  });

  it.each(sampleNames())("streams bar by bar exactly like batch and honours start on %s", (name) => {
    const { close } = loadSample(name);
    for (const { params } of cases) {
      expectStreamingEqualsBatch(t3, params, [close]);
      expectStartShiftsOutputs(t3, params, [close]);
    }
  });
});
