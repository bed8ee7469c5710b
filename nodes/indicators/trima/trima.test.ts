import { describe, expect, it } from "vitest";
import { loadSample, sampleNames } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { talibRun } from "@/nodes/testing/talib";
import { expectCloseTo, expectStartShiftsOutputs, expectStreamingEqualsBatch } from "../ema/kernel-laws";
import { trima } from "./trima.node.ts";

const cases = [
  { params: {}, talib: { optInTimePeriod: 30 } },
  { params: { period: 7 }, talib: { optInTimePeriod: 7 } },
];

describe("TRIMA", () => {
  it("weights the window like a triangle", () => {
    const [odd] = runNode(trima, { period: 5 }, [Float64Array.from([1, 2, 3, 4, 10])]);
    // weights 1 2 3 2 1 over 9: (1 + 4 + 9 + 8 + 10) / 9
    expect(odd[4], "TRIMA(5)").toBeCloseTo(32 / 9, 12);
    const [even] = runNode(trima, { period: 4 }, [Float64Array.from([1, 2, 3, 10])]);
    // weights 1 2 2 1 over 6: (1 + 4 + 6 + 10) / 6
    expect(even[3], "TRIMA(4)").toBeCloseTo(21 / 6, 12);
  });

  it.each(sampleNames())("equals TA-Lib TRIMA with default and non-default params on %s", (name) => {
    const { close } = loadSample(name);
    for (const { params, talib } of cases) {
      const [out] = runNode(trima, params, [close]);
      const { outReal } = talibRun("TRIMA", { inReal: close }, talib);
      expectCloseTo(out, outReal, `TRIMA ${JSON.stringify(params)} on ${name}`);
    }
  });

  it.each(sampleNames())("streams bar by bar exactly like batch and honours start on %s", (name) => {
    const { close } = loadSample(name);
    for (const { params } of cases) {
      expectStreamingEqualsBatch(trima, params, [close]);
      expectStartShiftsOutputs(trima, params, [close]);
    }
  });
});
