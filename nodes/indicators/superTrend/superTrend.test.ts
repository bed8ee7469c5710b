import { describe, expect, it } from "vitest";
import { barColumns, loadSample, sampleNames } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { expectStartShiftsOutputs, expectStreamingEqualsBatch } from "../ema/kernel-laws";
import { superTrend } from "./superTrend.node.ts";

describe("SuperTrend", () => {
  it("matches a hand-computed series through two flips", () => {
    const high = [10, 11, 12, 11, 9, 8, 10, 11, 10];
    const low = [8, 9, 10, 9, 7, 6, 8, 9.5, 8];
    const close = [9, 10, 11, 9.5, 7.5, 6.5, 9.5, 10.5, 8];
    const zeros = new Float64Array(high.length);
    const bars = [
      zeros,
      zeros,
      Float64Array.from(high),
      Float64Array.from(low),
      Float64Array.from(close),
      zeros,
    ];
    const [value, direction] = runNode(superTrend, { atrPeriod: 2, multiplier: 1 }, bars);
    // ATR(2) from bar 2: 2, 2, 2.25, 2.125, 2.8125, 2.15625, 2.328125. Midpoints 11, 10, 8, 7, 9, 10.25, 9.
    // Bar 2 starts down on its upper band 13; the upper band falls to 12, 10.25, 9.125 while the close
    // stays below it; bar 6 closes at 9.5 above 9.125 and flips up onto its lower band 9 − 2.8125;
    // bar 7's lower band rises to 8.09375 and bar 8 closes at 8 below it, flipping down onto 9 + 2.328125.
    expect(Array.from(value), "the line follows the active band").toEqual([
      Number.NaN,
      Number.NaN,
      13,
      12,
      10.25,
      9.125,
      6.1875,
      8.09375,
      11.328125,
    ]);
    expect(Array.from(direction), "−1 down, +1 up").toEqual([
      Number.NaN,
      Number.NaN,
      -1,
      -1,
      -1,
      -1,
      1,
      1,
      -1,
    ]);
  });

  it.each(sampleNames())("keeps the close on the trend's side of the line on %s", (name) => {
    const sample = loadSample(name);
    const [value, direction] = runNode(superTrend, {}, barColumns(sample));
    expect(Number.isNaN(value[9]) && !Number.isNaN(value[10]), "ATR(10) warm-up").toBe(true);
    let wrongSide = -1;
    for (let i = 10; i < value.length && wrongSide < 0; i++) {
      const close = sample.close[i];
      if (direction[i] === 1 ? close < value[i] : close > value[i]) wrongSide = i;
    }
    expect(wrongSide, "a close beyond the line flips the trend on that bar").toBe(-1);
  });

  it("streams bar by bar exactly as in batch", () => {
    expectStreamingEqualsBatch(superTrend, {}, barColumns(loadSample("nvda-1999-2014.csv")));
  });

  it("treats bars before start as nonexistent", () => {
    expectStartShiftsOutputs(
      superTrend,
      { atrPeriod: 7, multiplier: 2 },
      barColumns(loadSample("orcl-1995-2014.csv")),
    );
  });
});
