import { describe, expect, it } from "vitest";
import { loadSample, sampleNames } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { talibRun } from "@/nodes/testing/talib";
import { expectCloseTo, expectStartShiftsOutputs, expectStreamingEqualsBatch } from "../ema/kernel-laws";
import { tema } from "./tema.node.ts";

const cases = [
  { params: {}, talib: { optInTimePeriod: 30 } },
  { params: { period: 10 }, talib: { optInTimePeriod: 10 } },
];

describe("TEMA", () => {
  it("has no lag on a straight line once warm", () => {
    const line = Float64Array.from({ length: 20 }, (_, i) => 3 + 2 * i);
    const [out] = runNode(tema, { period: 4 }, [line]);
    expect(Number.isNaN(out[8]), "warm-up is 3·(period − 1) = 9 bars").toBe(true);
    expect(out[9], "TEMA(4) of 3 + 2i at i = 9 is the line itself").toBeCloseTo(21, 9);
  });

  it.each(sampleNames())("equals TA-Lib TEMA with default and non-default params on %s", (name) => {
    const { close } = loadSample(name);
    for (const { params, talib } of cases) {
      const [out] = runNode(tema, params, [close]);
      const { outReal } = talibRun("TEMA", { inReal: close }, talib);
      expectCloseTo(out, outReal, `TEMA ${JSON.stringify(params)} on ${name}`);
    }
  });

  it.each(sampleNames())("streams bar by bar exactly like batch and honours start on %s", (name) => {
    const { close } = loadSample(name);
    for (const { params } of cases) {
      expectStreamingEqualsBatch(tema, params, [close]);
      expectStartShiftsOutputs(tema, params, [close]);
    }
  });
});
