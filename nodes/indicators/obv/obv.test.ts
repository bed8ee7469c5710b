import { describe, expect, it } from "vitest";
import { barColumns, loadSample, sampleNames } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { talibRun } from "@/nodes/testing/talib";
import { expectCloseTo, expectStartShiftsOutputs, expectStreamingEqualsBatch } from "../ema/kernel-laws";
import { obv } from "./obv.node.ts";

describe("OBV", () => {
  it("adds volume on up closes and subtracts it on down closes", () => {
    const zeros = new Float64Array(4);
    const close = Float64Array.from([10, 11, 11, 9]);
    const volume = Float64Array.from([100, 50, 70, 30]);
    const [out] = runNode(obv, {}, [zeros, zeros, zeros, zeros, close, volume]);
    expect(Array.from(out), "starts at the first volume; unchanged close adds nothing").toEqual([
      100, 150, 150, 120,
    ]);
  });

  it.each(sampleNames())("equals TA-Lib OBV on %s", (name) => {
    const sample = loadSample(name);
    const [out] = runNode(obv, {}, barColumns(sample));
    expectCloseTo(out, talibRun("OBV", { inReal: sample.close, volume: sample.volume }).outReal, "OBV");
  });

  it("streams bar by bar exactly as in batch", () => {
    expectStreamingEqualsBatch(obv, {}, barColumns(loadSample("nvda-1999-2014.csv")));
  });

  it("treats bars before start as nonexistent", () => {
    expectStartShiftsOutputs(obv, {}, barColumns(loadSample("orcl-1995-2014.csv")));
  });
});
