import { describe, expect, it } from "vitest";
import { barColumns, loadSample, sampleNames } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { talibRun } from "@/nodes/testing/talib";
import {
  expectCloseTo,
  expectNoLookAhead,
  expectStartShiftsOutputs,
  expectStreamingEqualsBatch,
  leadingNaNs,
} from "../ema/kernel-laws";
import { ichimoku } from "./ichimoku.node.ts";

const small = { tenkanPeriod: 2, kijunPeriod: 3, senkouBPeriod: 4, displacement: 2 };

function smallBars(): Float64Array[] {
  const high = [10, 12, 11, 13, 15, 14, 16, 18];
  const low = [8, 9, 7, 10, 12, 11, 13, 15];
  const close = [9, 11, 10, 12, 14, 13, 15, 17];
  return [
    Float64Array.from(high, (_, i) => i * 86_400_000),
    Float64Array.from(close),
    Float64Array.from(high),
    Float64Array.from(low),
    Float64Array.from(close),
    new Float64Array(high.length),
  ];
}

/** The lines from TA-Lib MIDPRICE (the midpoint of highest high and lowest low), shifted by hand. */
function fromMidprice(sample: ReturnType<typeof loadSample>, periods: number[], displacement: number) {
  const mid = (period: number) =>
    talibRun("MIDPRICE", { high: sample.high, low: sample.low }, { optInTimePeriod: period }).outReal;
  const [tenkan, kijun, spanB] = periods.map(mid);
  const first = Math.max(...periods) - 1 + displacement;
  const n = sample.close.length;
  const line = (value: (i: number) => number) =>
    Float64Array.from({ length: n }, (_, i) => (i < first ? Number.NaN : value(i)));
  return [
    line((i) => tenkan[i]),
    line((i) => kijun[i]),
    line((i) => (tenkan[i - displacement] + kijun[i - displacement]) / 2),
    line((i) => spanB[i - displacement]),
    line((i) => sample.close[i]),
  ];
}

describe("Ichimoku Cloud", () => {
  it("matches values worked out by hand, with the spans carried forward and no look-ahead", () => {
    const [tenkan, kijun, senkouA, senkouB, chikou] = runNode(ichimoku, small, smallBars());
    expect(leadingNaNs(tenkan), "all outputs wait for the spans: max(2, 3, 4) − 1 + 2 = 5 bars").toBe(5);
    expect(Array.from(tenkan.subarray(5)), "midpoints of the last 2 bars").toEqual([13, 13.5, 15.5]);
    expect(Array.from(kijun.subarray(5)), "midpoints of the last 3 bars").toEqual([12.5, 13.5, 14.5]);
    expect(Array.from(senkouA.subarray(5)), "(tenkan + kijun)/2 of 2 bars earlier").toEqual([
      10, 11.75, 12.75,
    ]);
    expect(Array.from(senkouB.subarray(5)), "4-bar midpoint of 2 bars earlier").toEqual([10, 11, 11]);
    expect(Array.from(chikou.subarray(5)), "chikou is the bar's own close").toEqual([13, 15, 17]);
  });

  it.each(sampleNames())("equals TA-Lib MIDPRICE lines displaced as published on %s", (name) => {
    const sample = loadSample(name);
    for (const periods of [
      [9, 26, 52, 26],
      [7, 22, 44, 22],
    ]) {
      const [tenkanPeriod, kijunPeriod, senkouBPeriod, displacement] = periods;
      const outputs = runNode(
        ichimoku,
        { tenkanPeriod, kijunPeriod, senkouBPeriod, displacement },
        barColumns(sample),
      );
      const expected = fromMidprice(sample, [tenkanPeriod, kijunPeriod, senkouBPeriod], displacement);
      outputs.forEach((column, o) => {
        expectCloseTo(column, expected[o], `${ichimoku.outputs[o].name} ${periods.join("/")} on ${name}`);
      });
    }
  });

  it.each(sampleNames())("streams exactly like batch, honours start and never looks ahead on %s", (name) => {
    const inputs = barColumns(loadSample(name));
    for (const params of [{}, small]) {
      expectStreamingEqualsBatch(ichimoku, params, inputs);
      expectStartShiftsOutputs(ichimoku, params, inputs);
      expectNoLookAhead(ichimoku, params, inputs, Math.floor(inputs[0].length / 2));
    }
  });
});
