import { describe, expect, it } from "vitest";
import { loadSample, sampleNames } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { talibRun } from "@/nodes/testing/talib";
import { expectCloseTo, expectStartShiftsOutputs, expectStreamingEqualsBatch } from "../ema/kernel-laws";
import { trix } from "./trix.node.ts";

const cases = [
  { params: {}, talib: { optInTimePeriod: 30 } },
  { params: { period: 12 }, talib: { optInTimePeriod: 12 } },
];

describe("TRIX", () => {
  it("is zero on a constant series", () => {
    const [out] = runNode(trix, { period: 3 }, [new Float64Array(12).fill(5)]);
    expect(Number.isNaN(out[6]), "warm-up is 3·(period − 1) + 1 = 7 bars").toBe(true);
    expect(out[7], "no change, no TRIX").toBe(0);
  });

  it.each(sampleNames())("equals TA-Lib TRIX with default and non-default params on %s", (name) => {
    const { close } = loadSample(name);
    for (const { params, talib } of cases) {
      const [out] = runNode(trix, params, [close]);
      const { outReal } = talibRun("TRIX", { inReal: close }, talib);
      expectCloseTo(out, outReal, `TRIX ${JSON.stringify(params)} on ${name}`);
    }
  });

  it.each(sampleNames())("streams bar by bar exactly like batch and honours start on %s", (name) => {
    const { close } = loadSample(name);
    for (const { params } of cases) {
      expectStreamingEqualsBatch(trix, params, [close]);
      expectStartShiftsOutputs(trix, params, [close]);
    }
  });
});
