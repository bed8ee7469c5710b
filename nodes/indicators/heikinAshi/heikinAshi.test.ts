import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { barColumns, loadSample, sampleNames } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import {
  expectCloseTo,
  expectNoLookAhead,
  expectStartShiftsOutputs,
  expectStreamingEqualsBatch,
} from "../ema/kernel-laws";
import { heikinAshi } from "./heikinAshi.node.ts";

type Candles = { open: number[]; high: number[]; low: number[]; close: number[] };
const { HeikinAshi } = createRequire(import.meta.url)("technicalindicators") as {
  HeikinAshi: { calculate(input: Candles & { volume: number[]; timestamp: number[] }): Candles };
};

describe("Heikin-Ashi", () => {
  it("matches candles worked out by hand", () => {
    const bars = [
      Float64Array.from([0, 1]),
      Float64Array.from([10, 12]), // open
      Float64Array.from([14, 13]), // high
      Float64Array.from([9, 8]), // low
      Float64Array.from([12, 9]), // close
      Float64Array.from([0, 0]),
    ];
    const [haOpen, haHigh, haLow, haClose] = runNode(heikinAshi, {}, bars);
    // bar 0: open (10 + 12)/2 = 11, close (10 + 14 + 9 + 12)/4 = 11.25
    // bar 1: open (11 + 11.25)/2 = 11.125, close (12 + 13 + 8 + 9)/4 = 10.5
    expect(Array.from(haOpen), "HA open").toEqual([11, 11.125]);
    expect(Array.from(haClose), "HA close").toEqual([11.25, 10.5]);
    expect(Array.from(haHigh), "HA high = max(high, HA open, HA close)").toEqual([14, 13]);
    expect(Array.from(haLow), "HA low = min(low, HA open, HA close)").toEqual([9, 8]);
  });

  it.each(sampleNames())("equals technicalindicators HeikinAshi on %s", (name) => {
    const sample = loadSample(name);
    const outputs = runNode(heikinAshi, {}, barColumns(sample));
    const reference = HeikinAshi.calculate({
      open: Array.from(sample.open),
      high: Array.from(sample.high),
      low: Array.from(sample.low),
      close: Array.from(sample.close),
      volume: Array.from(sample.volume),
      timestamp: Array.from(sample.time),
    });
    const expected = [reference.open, reference.high, reference.low, reference.close];
    outputs.forEach((column, o) => {
      expectCloseTo(
        column,
        Float64Array.from(expected[o]),
        `${heikinAshi.outputs[o].name} on ${name}`,
        1e-12,
      );
    });
  });

  it.each(sampleNames())("streams exactly like batch, honours start and never looks ahead on %s", (name) => {
    const inputs = barColumns(loadSample(name));
    expectStreamingEqualsBatch(heikinAshi, {}, inputs);
    expectStartShiftsOutputs(heikinAshi, {}, inputs);
    expectNoLookAhead(heikinAshi, {}, inputs, Math.floor(inputs[0].length / 2));
  });
});
