import { describe, expect, it } from "vitest";
import { barColumns, loadSample, sampleNames } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { talibRun } from "@/nodes/testing/talib";
import { expectCloseTo, expectStartShiftsOutputs, expectStreamingEqualsBatch } from "../ema/kernel-laws";
import { aroonOsc } from "./aroonOsc.node.ts";

describe("Aroon Oscillator", () => {
  it("is Aroon up minus Aroon down", () => {
    const zeros = new Float64Array(5);
    const high = Float64Array.from([5, 9, 7, 9, 6]);
    const low = Float64Array.from([1, 3, 2, 4, 5]);
    const [out] = runNode(aroonOsc, { period: 4 }, [zeros, zeros, high, low, zeros, zeros]);
    expect(out[4], "up 75 minus down 0").toBe(75);
  });

  it.each(sampleNames())("equals TA-Lib AROONOSC(14) and AROONOSC(25) on %s", (name) => {
    const sample = loadSample(name);
    const { high, low } = sample;
    for (const period of [14, 25]) {
      const [out] = runNode(aroonOsc, { period }, barColumns(sample));
      expectCloseTo(
        out,
        talibRun("AROONOSC", { high, low }, { optInTimePeriod: period }).outReal,
        `AROONOSC(${period})`,
      );
    }
  });

  it("streams bar by bar exactly as in batch", () => {
    expectStreamingEqualsBatch(aroonOsc, {}, barColumns(loadSample("nvda-1999-2014.csv")));
  });

  it("treats bars before start as nonexistent", () => {
    expectStartShiftsOutputs(aroonOsc, { period: 9 }, barColumns(loadSample("orcl-1995-2014.csv")));
  });
});
