import { describe, expect, it } from "vitest";
import { barColumns, loadSample, sampleNames } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { talibRun } from "@/nodes/testing/talib";
import { expectCloseTo, expectStartShiftsOutputs, expectStreamingEqualsBatch } from "../ema/kernel-laws";
import { sar } from "./sar.node.ts";

describe("Parabolic SAR", () => {
  it("starts long below the first low and accelerates toward new highs", () => {
    const zeros = new Float64Array(4);
    const high = Float64Array.from([10, 11, 12, 13]);
    const low = Float64Array.from([9, 10, 11, 12]);
    const [out] = runNode(sar, {}, [zeros, zeros, high, low, zeros, zeros]);
    // Long (the low rose): SAR 9 on bar 1; then 9 + 0.02 × (11 − 9) = 9.04; then the extreme 12 raises
    // the factor to 0.04: 9.04 + 0.04 × (12 − 9.04) = 9.1584.
    expect(out[1], "the first bar's low").toBe(9);
    expect(out[2], "one step toward the extreme").toBeCloseTo(9.04, 12);
    expect(out[3], "accelerated step").toBeCloseTo(9.1584, 12);
  });

  it("starts short when the second bar's low fell more than its high rose", () => {
    const zeros = new Float64Array(3);
    const high = Float64Array.from([10, 9.5, 9]);
    const low = Float64Array.from([9, 8, 7]);
    const [out] = runNode(sar, {}, [zeros, zeros, high, low, zeros, zeros]);
    expect(out[1], "short: the first bar's high").toBe(10);
    // The extreme starts at bar 1's low 8: 10 + 0.02 × (8 − 10) = 9.96, still above bar 2's high 9.
    expect(out[2], "one step down toward the extreme").toBeCloseTo(9.96, 12);
  });

  it.each(sampleNames())("equals TA-Lib SAR(0.02, 0.2) and SAR(0.05, 0.1) on %s", (name) => {
    const sample = loadSample(name);
    const { high, low } = sample;
    for (const [acceleration, maximum] of [
      [0.02, 0.2],
      [0.05, 0.1],
    ]) {
      const [out] = runNode(sar, { acceleration, maximum }, barColumns(sample));
      const expected = talibRun(
        "SAR",
        { high, low },
        { optInAcceleration: acceleration, optInMaximum: maximum },
      );
      expectCloseTo(out, expected.outReal, `SAR(${acceleration}, ${maximum})`);
    }
  });

  it("caps the starting factor at the maximum, as TA-Lib does", () => {
    const sample = loadSample("yhoo-1996-2014.csv");
    const { high, low } = sample;
    const [out] = runNode(sar, { acceleration: 0.3, maximum: 0.2 }, barColumns(sample));
    expectCloseTo(
      out,
      talibRun("SAR", { high, low }, { optInAcceleration: 0.3, optInMaximum: 0.2 }).outReal,
      "SAR(0.3, 0.2)",
    );
  });

  it("streams bar by bar exactly as in batch", () => {
    expectStreamingEqualsBatch(sar, {}, barColumns(loadSample("nvda-1999-2014.csv")));
  });

  it("treats bars before start as nonexistent", () => {
    expectStartShiftsOutputs(sar, {}, barColumns(loadSample("orcl-1995-2014.csv")));
  });
});
