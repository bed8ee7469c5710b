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
import { vwap } from "./vwap.node.ts";

const { VWAP } = createRequire(import.meta.url)("technicalindicators") as {
  VWAP: { calculate(input: { high: number[]; low: number[]; close: number[]; volume: number[] }): number[] };
};

const DAY = 86_400_000;
const MINUTE = 60_000;

function columns(rows: [time: number, high: number, low: number, close: number, volume: number][]) {
  const column = (pick: (row: (typeof rows)[number]) => number) => Float64Array.from(rows, pick);
  return [
    column((r) => r[0]),
    column((r) => r[3]),
    column((r) => r[1]),
    column((r) => r[2]),
    column((r) => r[3]),
    column((r) => r[4]),
  ];
}

describe("VWAP (session)", () => {
  it("weights typical prices by volume, restarts at UTC midnight and falls back to the mean without volume", () => {
    const day = Date.UTC(2024, 0, 1);
    const [out] = runNode(vwap, {}, [
      ...columns([
        [day + 9 * 3_600_000, 11, 9, 10, 100], // typical 10
        [day + 10 * 3_600_000, 13, 11, 12, 300], // typical 12 → (1000 + 3600)/400
        [day + DAY + 60_000, 21, 19, 20, 0], // new day, no volume yet → 20
        [day + DAY + 120_000, 24, 21, 24, 0], // typical 23 → mean (20 + 23)/2
        [day + DAY + 180_000, 30, 27, 30, 10], // first volume of the day → its typical price 29
      ]),
    ]);
    expect(Array.from(out), "session VWAP by hand").toEqual([10, 11.5, 20, 21.5, 29]);
  });

  it("equals technicalindicators' cumulative VWAP within one session", () => {
    let price = 100;
    const rows: [number, number, number, number, number][] = [];
    for (let i = 0; i < 300; i++) {
      price += Math.sin(i * 1.7) * 0.8;
      rows.push([
        Date.UTC(2024, 4, 2) + i * MINUTE,
        price + 0.6,
        price - 0.5,
        price + 0.1,
        1_000 + ((i * 7919) % 500),
      ]);
    }
    const inputs = columns(rows);
    const [out] = runNode(vwap, {}, inputs);
    const reference = VWAP.calculate({
      high: Array.from(inputs[2]),
      low: Array.from(inputs[3]),
      close: Array.from(inputs[4]),
      volume: Array.from(inputs[5]),
    });
    expectCloseTo(out, Float64Array.from(reference), "VWAP over one day", 1e-12);
  });

  it.each(sampleNames())("restarts every UTC day on %s", (name) => {
    const sample = loadSample(name);
    const [out] = runNode(vwap, {}, barColumns(sample));
    const typical = (i: number) => (sample.high[i] + sample.low[i] + sample.close[i]) / 3;
    for (let i = 0; i < out.length; i++) {
      const newDay = i === 0 || Math.floor(sample.time[i] / DAY) !== Math.floor(sample.time[i - 1] / DAY);
      if (!newDay) continue;
      // The first bar of each day is the whole session so far: its VWAP is its own typical price.
      expect(Math.abs(out[i] - typical(i)) / typical(i), `${name} bar ${i} opens a session`).toBeLessThan(
        1e-12,
      );
    }
  });

  it("averages typical prices equally through a day without volume (2006-min-005 has none)", () => {
    const sample = loadSample("2006-min-005.csv");
    const [out] = runNode(vwap, {}, barColumns(sample));
    const typical = (i: number) => (sample.high[i] + sample.low[i] + sample.close[i]) / 3;
    expect(
      sample.volume.every((v) => v === 0),
      "the sample has no volume",
    ).toBe(true);
    expect(out[2], "third bar of 2006-01-02").toBeCloseTo((typical(0) + typical(1) + typical(2)) / 3, 9);
  });

  it.each(sampleNames())("streams exactly like batch, honours start and never looks ahead on %s", (name) => {
    const inputs = barColumns(loadSample(name));
    expectStreamingEqualsBatch(vwap, {}, inputs);
    expectStartShiftsOutputs(vwap, {}, inputs);
    expectNoLookAhead(vwap, {}, inputs, Math.floor(inputs[0].length / 2));
  });
});
