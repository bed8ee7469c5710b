import { describe, expect, it } from "vitest";
import { barColumns, loadSample, sampleNames } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { talibRun } from "@/nodes/testing/talib";
import { expectCloseTo, expectStartShiftsOutputs, expectStreamingEqualsBatch } from "../ema/kernel-laws";
import { aroon } from "./aroon.node.ts";

describe("Aroon", () => {
  it("counts bars since the latest extreme, the latest bar winning ties", () => {
    const zeros = new Float64Array(5);
    const high = Float64Array.from([5, 9, 7, 9, 6]);
    const low = Float64Array.from([1, 3, 2, 4, 5]);
    const [up, down] = runNode(aroon, { period: 4 }, [zeros, zeros, high, low, zeros, zeros]);
    // Window bars 0..4: the high 9 last seen on bar 3 (1 bar ago), the low 1 on bar 0 (4 bars ago).
    expect(up[4], "(4 − 1) / 4 × 100").toBe(75);
    expect(down[4], "(4 − 4) / 4 × 100").toBe(0);
  });

  it.each(sampleNames())("equals TA-Lib AROON(14) and AROON(25) on %s", (name) => {
    const sample = loadSample(name);
    const { high, low } = sample;
    for (const period of [14, 25]) {
      const [up, down] = runNode(aroon, { period }, barColumns(sample));
      const expected = talibRun("AROON", { high, low }, { optInTimePeriod: period });
      expectCloseTo(up, expected.outAroonUp, `AROON(${period}) up`);
      expectCloseTo(down, expected.outAroonDown, `AROON(${period}) down`);
    }
  });

  it("streams bar by bar exactly as in batch", () => {
    expectStreamingEqualsBatch(aroon, {}, barColumns(loadSample("nvda-1999-2014.csv")));
  });

  it("treats bars before start as nonexistent", () => {
    expectStartShiftsOutputs(aroon, { period: 9 }, barColumns(loadSample("orcl-1995-2014.csv")));
  });
});
