import { describe, expect, it } from "vitest";
import { loadSample, sampleNames } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { talibRun } from "@/nodes/testing/talib";
import { expectCloseTo, expectStartShiftsOutputs, expectStreamingEqualsBatch } from "../ema/kernel-laws";
import { stochRsi } from "./stochRsi.node.ts";

describe("Stochastic RSI", () => {
  it("starts once RSI, the %K window and %D are all warm", () => {
    const close = Float64Array.from({ length: 30 }, (_, i) => 100 + Math.sin(i));
    const [k, d] = runNode(stochRsi, { period: 5, kPeriod: 3, dPeriod: 2 }, [close]);
    expect(Number.isNaN(k[7]) && Number.isNaN(d[7]), "5 + 2 + 1 = 8 bars of warm-up").toBe(true);
    expect(Number.isNaN(k[8]) || Number.isNaN(d[8]), "values from bar 8").toBe(false);
  });

  it.each(sampleNames())("equals TA-Lib STOCHRSI(14,5,3) and STOCHRSI(9,14,1) on %s", (name) => {
    const { close } = loadSample(name);
    for (const [period, kPeriod, dPeriod] of [
      [14, 5, 3],
      [9, 14, 1],
    ]) {
      const [k, d] = runNode(stochRsi, { period, kPeriod, dPeriod }, [close]);
      const expected = talibRun(
        "STOCHRSI",
        { inReal: close },
        {
          optInTimePeriod: period,
          optInFastK_Period: kPeriod,
          optInFastD_Period: dPeriod,
          optInFastD_MAType: 0,
        },
      );
      expectCloseTo(k, expected.outFastK, `STOCHRSI(${period},${kPeriod},${dPeriod}) %K`);
      expectCloseTo(d, expected.outFastD, `STOCHRSI(${period},${kPeriod},${dPeriod}) %D`);
    }
  });

  it("streams bar by bar exactly as in batch", () => {
    expectStreamingEqualsBatch(stochRsi, {}, [loadSample("nvda-1999-2014.csv").close]);
  });

  it("treats bars before start as nonexistent", () => {
    expectStartShiftsOutputs(stochRsi, { period: 7 }, [loadSample("orcl-1995-2014.csv").close]);
  });
});
