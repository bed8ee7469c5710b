import { describe, expect, it } from "vitest";
import { loadSample, sampleNames } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { talibRun } from "@/nodes/testing/talib";
import { expectCloseTo, expectStartShiftsOutputs, expectStreamingEqualsBatch } from "../ema/kernel-laws";
import { wma } from "./wma.node.ts";

const cases = [
  { params: {}, talib: { optInTimePeriod: 30 } },
  { params: { period: 9 }, talib: { optInTimePeriod: 9 } },
];

describe("WMA", () => {
  it("weights the newest value by `period` down to 1 for the oldest", () => {
    const [out] = runNode(wma, { period: 3 }, [Float64Array.from([1, 2, 3, 6])]);
    // (1·1 + 2·2 + 3·3) / 6 = 14/6; (1·2 + 2·3 + 3·6) / 6 = 26/6
    expect(out[2], "WMA(3) of 1, 2, 3").toBeCloseTo(14 / 6, 12);
    expect(out[3], "WMA(3) of 2, 3, 6").toBeCloseTo(26 / 6, 12);
    expect(Number.isNaN(out[1]), "bar 1 is warm-up").toBe(true);
  });

  it.each(sampleNames())("equals TA-Lib WMA with default and non-default params on %s", (name) => {
    const { close } = loadSample(name);
    for (const { params, talib } of cases) {
      const [out] = runNode(wma, params, [close]);
      const { outReal } = talibRun("WMA", { inReal: close }, talib);
      expectCloseTo(out, outReal, `WMA ${JSON.stringify(params)} on ${name}`);
    }
  });

  it.each(sampleNames())("streams bar by bar exactly like batch and honours start on %s", (name) => {
    const { close } = loadSample(name);
    for (const { params } of cases) {
      expectStreamingEqualsBatch(wma, params, [close]);
      expectStartShiftsOutputs(wma, params, [close]);
    }
  });
});

describe("WMA with a long period", () => {
  it("weights by period·(period + 1)/2 without 32-bit overflow", () => {
    const period = 50_000;
    const source = new Float64Array(period).fill(3);
    const [out] = runNode(wma, { period }, [source]);
    expect(out[period - 1], "the weighted mean of a constant is that constant").toBeCloseTo(3, 12);
  });
});
