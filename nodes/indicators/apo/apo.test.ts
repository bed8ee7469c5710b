import { describe, expect, it } from "vitest";
import { loadSample, sampleNames } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { talibRun } from "@/nodes/testing/talib";
import { MOVING_AVERAGE_TYPES, talibMaType } from "../apo/moving-average-type";
import {
  expectCloseTo,
  expectStartShiftsOutputs,
  expectStreamingEqualsBatch,
  leadingNaNs,
} from "../ema/kernel-laws";
import { apo } from "./apo.node.ts";

function talibAPO(close: Float64Array, fastPeriod: number, slowPeriod: number, maType: number): Float64Array {
  return talibRun(
    "APO",
    { inReal: close },
    { optInFastPeriod: fastPeriod, optInSlowPeriod: slowPeriod, optInMAType: maType },
  ).outReal;
}

describe("APO", () => {
  it("defaults to TA-Lib's 12/26 SMA and warms up with the slow average", () => {
    const { close } = loadSample("nvda-1999-2014.csv");
    const [out] = runNode(apo, {}, [close]);
    expect(leadingNaNs(out), "SMA(26) has 25 warm-up bars").toBe(25);
  });

  it.each(sampleNames())("equals TA-Lib APO with default and non-default params on %s", (name) => {
    const { close } = loadSample(name);
    const [byDefault] = runNode(apo, {}, [close]);
    expectCloseTo(byDefault, talibAPO(close, 12, 26, 0), `APO(12, 26, SMA) on ${name}`);
    const [byEma] = runNode(apo, { fastPeriod: 5, slowPeriod: 20, maType: "ema" }, [close]);
    expectCloseTo(byEma, talibAPO(close, 5, 20, 1), `APO(5, 20, EMA) on ${name}`);
  });

  it.each(MOVING_AVERAGE_TYPES)(
    "equals TA-Lib APO with MA type %s, periods given either way round",
    (maType) => {
      const { close } = loadSample("orcl-1995-2014.csv");
      const [out] = runNode(apo, { fastPeriod: 7, slowPeriod: 15, maType }, [close]);
      expectCloseTo(out, talibAPO(close, 7, 15, talibMaType[maType]), `APO(7, 15, ${maType})`);
      const [swapped] = runNode(apo, { fastPeriod: 15, slowPeriod: 7, maType }, [close]);
      expectCloseTo(
        swapped,
        talibAPO(close, 15, 7, talibMaType[maType]),
        `APO(15, 7, ${maType}) swaps like TA-Lib`,
      );
    },
  );

  it.each(sampleNames())("streams bar by bar exactly like batch and honours start on %s", (name) => {
    const { close } = loadSample(name);
    for (const params of [{}, { fastPeriod: 5, slowPeriod: 20, maType: "t3" }]) {
      expectStreamingEqualsBatch(apo, params, [close]);
      expectStartShiftsOutputs(apo, params, [close]);
    }
  });
});
