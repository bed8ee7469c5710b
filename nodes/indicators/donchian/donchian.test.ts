import { describe, expect, it } from "vitest";
import { barColumns, loadSample, sampleNames } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { talibRun } from "@/nodes/testing/talib";
import {
  expectCloseTo,
  expectNoLookAhead,
  expectStartShiftsOutputs,
  expectStreamingEqualsBatch,
} from "../ema/kernel-laws";
import { donchian } from "./donchian.node.ts";

function bars(high: number[], low: number[]): Float64Array[] {
  const n = high.length;
  const close = high.map((h, i) => (h + low[i]) / 2);
  return [
    Float64Array.from({ length: n }, (_, i) => i * 60_000),
    Float64Array.from(close),
    Float64Array.from(high),
    Float64Array.from(low),
    Float64Array.from(close),
    new Float64Array(n),
  ];
}

describe("Donchian Channels", () => {
  it("spans the highest high and lowest low of the last `period` bars, current bar included", () => {
    const [upper, middle, lower] = runNode(donchian, { period: 3 }, bars([3, 5, 4, 2, 6], [1, 2, 0, 1, 3]));
    expect(Array.from(upper), "highest of highs 3 5 4 | 5 4 2 | 4 2 6").toEqual([
      Number.NaN,
      Number.NaN,
      5,
      5,
      6,
    ]);
    expect(Array.from(lower), "lowest of lows 1 2 0 | 2 0 1 | 0 1 3").toEqual([
      Number.NaN,
      Number.NaN,
      0,
      0,
      0,
    ]);
    expect(Array.from(middle), "midpoints").toEqual([Number.NaN, Number.NaN, 2.5, 2.5, 3]);
  });

  it.each(sampleNames())("equals TA-Lib MAX of highs and MIN of lows on %s", (name) => {
    const sample = loadSample(name);
    for (const period of [20, 55]) {
      const [upper, middle, lower] = runNode(donchian, { period }, barColumns(sample));
      const { outReal: highest } = talibRun("MAX", { inReal: sample.high }, { optInTimePeriod: period });
      const { outReal: lowest } = talibRun("MIN", { inReal: sample.low }, { optInTimePeriod: period });
      expectCloseTo(upper, highest, `upper(${period}) on ${name}`);
      expectCloseTo(lower, lowest, `lower(${period}) on ${name}`);
      expectCloseTo(
        middle,
        highest.map((h, i) => (h + lowest[i]) / 2),
        `middle(${period}) on ${name}`,
      );
    }
  });

  it.each(sampleNames())("streams exactly like batch, honours start and never looks ahead on %s", (name) => {
    const inputs = barColumns(loadSample(name));
    for (const period of [20, 5]) {
      expectStreamingEqualsBatch(donchian, { period }, inputs);
      expectStartShiftsOutputs(donchian, { period }, inputs);
      expectNoLookAhead(donchian, { period }, inputs, Math.floor(inputs[0].length / 2));
    }
  });
});
