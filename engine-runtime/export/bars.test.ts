import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { catalogue } from "@/nodes/catalogue";
import type { BarColumns } from "../data/bars";
import { parseBarsCsv } from "../data/csv";
import { syntheticBars } from "../data/synthetic";
import { PlanBuilder } from "../executor/testing";
import { PY_OPS } from "./py/ops";
import { columnDifference } from "./testing/columns";
import { JS_OPS } from "./ts/ops";

/**
 * 15-minute bars over five UTC days, starting at 18:00, with the stretches these kernels branch on:
 * flat bars without volume (zero range, zero deviation, no money flow) and a session that opens
 * without volume (VWAP falls back to the mean typical price).
 */
const awkward = (() => {
  const bars = syntheticBars({
    count: 480,
    seed: 11,
    volatility: 0.6,
    intervalMs: 900_000,
    startTime: Date.UTC(2021, 2, 1, 18),
  });
  for (let i = 60; i < 80; i++) {
    const price = bars.close[59];
    bars.open[i] = bars.high[i] = bars.low[i] = bars.close[i] = price;
    bars.volume[i] = 0;
  }
  // Bar 120 opens the UTC day of 3 March (24 bars to the first midnight, then 96 a day).
  for (let i = 120; i < 135; i++) bars.volume[i] = 0;
  return bars;
})();

const daily = (() => {
  const parsed = parseBarsCsv(readFileSync("public/samples/orcl-1995-2014.csv", "utf8"));
  if (!parsed.ok) throw new Error("the ORCL sample does not parse");
  const { time, open, high, low, close, volume } = parsed.bars;
  const first = (column: Float64Array) => column.slice(0, 400);
  return {
    time: first(time),
    open: first(open),
    high: first(high),
    low: first(low),
    close: first(close),
    volume: first(volume),
  } satisfies BarColumns;
})();

/**
 * One op over the bars, or over the bars delayed by `lag` bars: then its bars input is made of
 * computed columns and the op starts at bar `lag`, not 0.
 */
function barsPlan(op: string, params: Record<string, unknown>, lag: number) {
  const b = new PlanBuilder(catalogue);
  const [time, open, high, low, close, volume] = PlanBuilder.bars;
  const delayed = (slot: number) => b.step("math.lag", { bars: lag }, [slot])[0];
  const bars =
    lag === 0 ? PlanBuilder.bars : [time, delayed(open), delayed(high), delayed(low), delayed(close), volume];
  b.step(op, params, bars);
  return b.build();
}

const period = (min: number, max: number) => fc.integer({ min, max });
const fraction = fc.oneof(fc.constantFrom(0, 0.02, 0.2, 1), fc.double({ min: 0, max: 1, noNaN: true }));
const multiplier = (min: number) =>
  fc.oneof(fc.constantFrom(min, 1, 2.5), fc.double({ min, max: 100, noNaN: true }));

/** Every param each node accepts, within ranges the 400-odd bars can warm up (and some they cannot). */
const PARAMS: Record<string, fc.Arbitrary<Record<string, unknown>>> = {
  "indicators.ad": fc.constant({}),
  "indicators.adosc": fc.record({ fastPeriod: period(2, 30), slowPeriod: period(2, 30) }),
  "indicators.cmf": fc.record({ period: period(1, 40) }),
  "indicators.mfi": fc.record({ period: period(2, 40) }),
  "indicators.adx": fc.record({ period: period(2, 40) }),
  "indicators.aroon": fc.record({ period: period(2, 40) }),
  "indicators.aroonOsc": fc.record({ period: period(2, 40) }),
  "indicators.cci": fc.record({ period: period(2, 40) }),
  "indicators.sar": fc.record({ acceleration: fraction, maximum: fraction }),
  "indicators.stochf": fc.record({ kPeriod: period(1, 30), dPeriod: period(1, 10) }),
  "indicators.ultosc": fc.record({
    shortPeriod: period(1, 40),
    mediumPeriod: period(1, 40),
    longPeriod: period(1, 40),
  }),
  "indicators.keltner": fc.record({
    period: period(2, 40),
    atrPeriod: period(1, 30),
    multiplier: multiplier(0),
  }),
  "indicators.superTrend": fc.record({ atrPeriod: period(1, 30), multiplier: multiplier(0.01) }),
  "indicators.ichimoku": fc.record({
    tenkanPeriod: period(1, 30),
    kijunPeriod: period(1, 60),
    senkouBPeriod: period(1, 80),
    displacement: period(0, 40),
  }),
  "indicators.vwap": fc.constant({}),
  "indicators.heikinAshi": fc.constant({}),
};

describe("the bar indicators export with any params, value for value with the engine", () => {
  test("both runnable targets write every one of them", () => {
    const missing = Object.keys(PARAMS).filter((op) => !JS_OPS[op] || !PY_OPS[op]);
    expect(missing, "bar indicators neither JavaScript nor Python may refuse").toEqual([]);
  });

  for (const [op, params] of Object.entries(PARAMS)) {
    test(`${op} over random params, delays and bars`, () => {
      fc.assert(
        fc.property(
          params,
          fc.integer({ min: 0, max: 5 }),
          fc.constantFrom("awkward", "daily"),
          (values, lag, sample) => {
            const plan = barsPlan(op, values, lag);
            const bars = sample === "daily" ? daily : awkward;
            const what = `${op} ${JSON.stringify(values)} delayed ${lag} bars, on the ${sample} bars`;
            expect(columnDifference("ts", plan, bars), `${what}, in JavaScript`).toBe("");
            expect(columnDifference("py", plan, bars), `${what}, in Python`).toBe("");
          },
        ),
        { numRuns: 6, seed: 20261123 },
      );
    });
  }
});
