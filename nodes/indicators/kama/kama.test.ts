import { describe, expect, it } from "vitest";
import { loadSample, sampleNames } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { talibRun } from "@/nodes/testing/talib";
import { expectCloseTo, expectStartShiftsOutputs, expectStreamingEqualsBatch } from "../ema/kernel-laws";
import { kama } from "./kama.node.ts";

const cases = [
  { params: {}, talib: { optInTimePeriod: 30 } },
  { params: { period: 10 }, talib: { optInTimePeriod: 10 } },
];

describe("KAMA", () => {
  it("moves at EMA(2) speed when price trends without noise", () => {
    const [out] = runNode(kama, { period: 3 }, [Float64Array.from([1, 2, 3, 4, 5])]);
    // efficiency 1 → smoothing (2/3)² = 4/9; starts from the previous value 3: 3 + (4 − 3)·4/9
    expect(Number.isNaN(out[2]), "warm-up is `period` bars").toBe(true);
    expect(out[3], "KAMA(3) at bar 3").toBeCloseTo(3 + 4 / 9, 12);
  });

  it.each(sampleNames())("equals TA-Lib KAMA with default and non-default params on %s", (name) => {
    const { close } = loadSample(name);
    for (const { params, talib } of cases) {
      const [out] = runNode(kama, params, [close]);
      const { outReal } = talibRun("KAMA", { inReal: close }, talib);
      expectCloseTo(out, outReal, `KAMA ${JSON.stringify(params)} on ${name}`);
    }
  });

  it.each(sampleNames())("streams bar by bar exactly like batch and honours start on %s", (name) => {
    const { close } = loadSample(name);
    for (const { params } of cases) {
      expectStreamingEqualsBatch(kama, params, [close]);
      expectStartShiftsOutputs(kama, params, [close]);
    }
  });
});
