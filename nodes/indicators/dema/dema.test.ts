import { describe, expect, it } from "vitest";
import { loadSample, sampleNames } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { talibRun } from "@/nodes/testing/talib";
import { expectCloseTo, expectStartShiftsOutputs, expectStreamingEqualsBatch } from "../ema/kernel-laws";
import { dema } from "./dema.node.ts";

const cases = [
  { params: {}, talib: { optInTimePeriod: 30 } },
  { params: { period: 10 }, talib: { optInTimePeriod: 10 } },
];

describe("DEMA", () => {
  it("has no lag on a straight line once warm", () => {
    const line = Float64Array.from({ length: 20 }, (_, i) => 3 + 2 * i);
    const [out] = runNode(dema, { period: 4 }, [line]);
    expect(Number.isNaN(out[5]), "warm-up is 2·(period − 1) = 6 bars").toBe(true);
    // An EMA of a line lags by (period − 1)/2 steps; DEMA removes exactly that lag once both EMAs are seeded.
    expect(out[6], "DEMA(4) of 3 + 2i at i = 6 is the line itself").toBeCloseTo(15, 9);
    expect(out[19], "DEMA(4) of 3 + 2i at i = 19 is the line itself").toBeCloseTo(41, 9);
  });

  it.each(sampleNames())("equals TA-Lib DEMA with default and non-default params on %s", (name) => {
    const { close } = loadSample(name);
    for (const { params, talib } of cases) {
      const [out] = runNode(dema, params, [close]);
      const { outReal } = talibRun("DEMA", { inReal: close }, talib);
      expectCloseTo(out, outReal, `DEMA ${JSON.stringify(params)} on ${name}`);
    }
  });

  it.each(sampleNames())("streams bar by bar exactly like batch and honours start on %s", (name) => {
    const { close } = loadSample(name);
    for (const { params } of cases) {
      expectStreamingEqualsBatch(dema, params, [close]);
      expectStartShiftsOutputs(dema, params, [close]);
    }
  });
});
