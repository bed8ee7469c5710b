import { describe, expect, it } from "vitest";
import { barColumns, loadSample, sampleNames } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { talibRun } from "@/nodes/testing/talib";
import { expectCloseTo, expectStartShiftsOutputs, expectStreamingEqualsBatch } from "../ema/kernel-laws";
import { trange } from "./trange.node.ts";

const bars = (high: number[], low: number[], close: number[]) => {
  const zeros = new Float64Array(high.length);
  return [zeros, zeros, Float64Array.from(high), Float64Array.from(low), Float64Array.from(close), zeros];
};

describe("True Range", () => {
  it("stretches the bar's range to a gap from the previous close", () => {
    const [out] = runNode(trange, {}, bars([10, 12, 9], [8, 11, 7], [9, 11.5, 8]));
    expect(
      Array.from(out),
      "first bar has no previous close; gap up 9→11..12 gives 3; 11.5 vs 7 gives 4.5",
    ).toEqual([Number.NaN, 3, 4.5]);
  });

  it.each(sampleNames())("equals TA-Lib TRANGE on %s", (name) => {
    const sample = loadSample(name);
    const [out] = runNode(trange, {}, barColumns(sample));
    const { high, low, close } = sample;
    expectCloseTo(out, talibRun("TRANGE", { high, low, close }).outReal, "TRANGE");
  });

  it("streams bar by bar exactly as in batch", () => {
    expectStreamingEqualsBatch(trange, {}, barColumns(loadSample("nvda-1999-2014.csv")));
  });

  it("treats bars before start as nonexistent", () => {
    expectStartShiftsOutputs(trange, {}, barColumns(loadSample("orcl-1995-2014.csv")));
  });
});
