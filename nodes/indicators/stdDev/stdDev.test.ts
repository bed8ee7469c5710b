import { describe, expect, it } from "vitest";
import { loadSample, sampleNames } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { talibRun } from "@/nodes/testing/talib";
import { expectCloseTo, expectStartShiftsOutputs, expectStreamingEqualsBatch } from "../ema/kernel-laws";
import { stdDev } from "./stdDev.node.ts";

const cases = [
  { params: { period: 5, deviations: 1 }, talib: { optInTimePeriod: 5, optInNbDev: 1 } },
  { params: { period: 20, deviations: 2.5 }, talib: { optInTimePeriod: 20, optInNbDev: 2.5 } },
];

describe("Standard Deviation", () => {
  it("is the population deviation (divides by period) times the multiplier", () => {
    const [out] = runNode(stdDev, { period: 4, deviations: 2 }, [
      Float64Array.from([2, 4, 4, 4, 5, 5, 7, 9]),
    ]);
    // last four 5, 5, 7, 9: mean 6.5, squared distances 2.25 2.25 0.25 6.25 → variance 2.75
    expect(out[7], "2 × √2.75").toBeCloseTo(2 * Math.sqrt(2.75), 12);
    expect(out[2], "bar 2 is warm-up").toBeNaN();
  });

  it.each(sampleNames())("equals TA-Lib STDDEV with default and non-default params on %s", (name) => {
    const { close } = loadSample(name);
    for (const { params, talib } of cases) {
      const [out] = runNode(stdDev, params, [close]);
      const { outReal } = talibRun("STDDEV", { inReal: close }, talib);
      expectCloseTo(out, outReal, `STDDEV ${JSON.stringify(params)} on ${name}`);
    }
  });

  it.each(sampleNames())("streams bar by bar exactly like batch and honours start on %s", (name) => {
    const { close } = loadSample(name);
    for (const { params } of cases) {
      expectStreamingEqualsBatch(stdDev, params, [close]);
      expectStartShiftsOutputs(stdDev, params, [close]);
    }
  });
});
