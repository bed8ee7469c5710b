import { describe, expect, it } from "vitest";
import { barColumns, loadSample, sampleNames } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { talibRun } from "@/nodes/testing/talib";
import { expectCloseTo, expectStartShiftsOutputs, expectStreamingEqualsBatch } from "../ema/kernel-laws";
import { ad } from "./ad.node.ts";

describe("Accumulation/Distribution", () => {
  it("accumulates volume weighted by the close's place in the range", () => {
    const zeros = new Float64Array(3);
    const high = Float64Array.from([10, 10, 10]);
    const low = Float64Array.from([8, 8, 10]);
    const close = Float64Array.from([10, 8.5, 10]);
    const volume = Float64Array.from([100, 40, 1000]);
    const [out] = runNode(ad, {}, [zeros, zeros, high, low, close, volume]);
    // +1 × 100, then (0.5 − 1.5) / 2 = −0.5 × 40, then a bar with no range adds nothing.
    expect(Array.from(out), "100, 80, 80").toEqual([100, 80, 80]);
  });

  it.each(sampleNames())("equals TA-Lib AD on %s", (name) => {
    const sample = loadSample(name);
    const { high, low, close, volume } = sample;
    const [out] = runNode(ad, {}, barColumns(sample));
    expectCloseTo(out, talibRun("AD", { high, low, close, volume }).outReal, "AD");
  });

  it("streams bar by bar exactly as in batch", () => {
    expectStreamingEqualsBatch(ad, {}, barColumns(loadSample("nvda-1999-2014.csv")));
  });

  it("treats bars before start as nonexistent", () => {
    expectStartShiftsOutputs(ad, {}, barColumns(loadSample("orcl-1995-2014.csv")));
  });
});
