import { describe, expect, it } from "vitest";
import { barColumns, loadSample } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { expectStartShiftsOutputs, expectStreamingEqualsBatch } from "../ema/kernel-laws";
import { cmf } from "./cmf.node.ts";

describe("Chaikin Money Flow", () => {
  it("divides the window's money flow volume by its volume", () => {
    const zeros = new Float64Array(5);
    const high = Float64Array.from([10, 11, 12, 12, 10]);
    const low = Float64Array.from([8, 9, 10, 12, 9]);
    const close = Float64Array.from([9.5, 9, 11.5, 12, 10]);
    const volume = Float64Array.from([100, 200, 100, 300, 100]);
    const [out] = runNode(cmf, { period: 3 }, [zeros, zeros, high, low, close, volume]);
    // Money flow volumes: 0.5 × 100 = 50, −1 × 200 = −200, 0.5 × 100 = 50, 0 (no range), 1 × 100 = 100.
    // Bar 2: −100 / 400; bar 3: −150 / 600 (the flat bar's volume still counts); bar 4: 150 / 500.
    expect(Array.from(out), "hand-computed").toEqual([Number.NaN, Number.NaN, -0.25, -0.25, 0.3]);
  });

  it("is 0 where the window traded no volume (the 2006 samples)", () => {
    const [out] = runNode(cmf, {}, barColumns(loadSample("2006-day-001.csv")));
    expect(Array.from(out.subarray(18, 22)), "19 bars of warm-up, then 0").toEqual([Number.NaN, 0, 0, 0]);
  });

  it("stays within −1 and +1 on real data", () => {
    const [out] = runNode(cmf, { period: 5 }, barColumns(loadSample("yhoo-1996-2014.csv")));
    const values = Array.from(out.subarray(4));
    expect(Math.max(...values), "never above +1").toBeLessThanOrEqual(1);
    expect(Math.min(...values), "never below −1").toBeGreaterThanOrEqual(-1);
  });

  it("streams bar by bar exactly as in batch", () => {
    expectStreamingEqualsBatch(cmf, {}, barColumns(loadSample("nvda-1999-2014.csv")));
  });

  it("treats bars before start as nonexistent", () => {
    expectStartShiftsOutputs(cmf, { period: 9 }, barColumns(loadSample("orcl-1995-2014.csv")));
  });
});
