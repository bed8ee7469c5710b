import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import { TALIB_EPSILON } from "../rsi/rsi.node.ts";
import { trueRange } from "../trange/trange.node.ts";

const isZero = (value: number) => value > -TALIB_EPSILON && value < TALIB_EPSILON;

/** Close minus the true low (the lower of this low and the previous close). */
const buyingPressure = (close: number, low: number, previousClose: number) =>
  close - Math.min(low, previousClose);

export const ultosc = defineNode({
  type: "indicators.ultosc",
  version: 1,
  title: "Ultimate Oscillator",
  category: "indicators",
  description:
    "Ultimate Oscillator (Williams): buying pressure (close − true low) over true range, summed over a short, a medium and a long window and weighted 4 : 2 : 1, from 0 to 100. The periods are sorted first, so the shortest always gets weight 4.",
  reference: "TA-Lib ULTOSC",
  inputs: [{ name: "bars", type: "bars", label: "Bars" }],
  outputs: [{ name: "value", type: "series", label: "Ult. osc." }],
  params: z.object({
    shortPeriod: z.number().int().min(1).max(100_000).default(7).describe("The short window (weight 4)."),
    mediumPeriod: z.number().int().min(1).max(100_000).default(14).describe("The medium window (weight 2)."),
    longPeriod: z.number().int().min(1).max(100_000).default(28).describe("The long window (weight 1)."),
  }),
  warmup: ({ shortPeriod, mediumPeriod, longPeriod }) => Math.max(shortPeriod, mediumPeriod, longPeriod),
  formula: { name: "ultosc", params: ["shortPeriod", "mediumPeriod", "longPeriod"] },
  kernel: ({ shortPeriod, mediumPeriod, longPeriod }, { start }) => {
    const [p1, p2, p3] = [shortPeriod, mediumPeriod, longPeriod].sort((a, b) => a - b);
    /** Each window's buying pressure total, then each window's true range total. */
    const totals = new Float64Array(6);
    return {
      run([, , high, low, close], [out], from, to) {
        ultimate(high, low, close, out, from, to, start, p1, p2, p3, totals);
      },
    };
  },
});

/**
 * The oscillator for bars [from, to), reading and updating `totals`.
 */
function ultimate(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  out: Float64Array,
  from: number,
  to: number,
  start: number,
  p1: number,
  p2: number,
  p3: number,
  totals: Float64Array,
): void {
  // The longest window is full from bar p3 on.
  const first = p3;
  let pressure1 = totals[0];
  let pressure2 = totals[1];
  let pressure3 = totals[2];
  let range1 = totals[3];
  let range2 = totals[4];
  let range3 = totals[5];
  for (let i = from; i < to; i++) {
    const bar = i - start;
    if (bar < 1) {
      out[i] = Number.NaN;
      continue;
    }
    const previousClose = close[i - 1];
    const pressure = buyingPressure(close[i], low[i], previousClose);
    const range = trueRange(high[i], low[i], previousClose);
    if (bar < first) {
      // Each window's totals are primed over its own last period − 1 bars, oldest first.
      if (bar > first - p1) {
        pressure1 += pressure;
        range1 += range;
      }
      if (bar > first - p2) {
        pressure2 += pressure;
        range2 += range;
      }
      if (bar > first - p3) {
        pressure3 += pressure;
        range3 += range;
      }
      out[i] = Number.NaN;
      continue;
    }
    pressure1 += pressure;
    pressure2 += pressure;
    pressure3 += pressure;
    range1 += range;
    range2 += range;
    range3 += range;
    let sum = 0;
    if (!isZero(range1)) sum += 4 * (pressure1 / range1);
    if (!isZero(range2)) sum += 2 * (pressure2 / range2);
    if (!isZero(range3)) sum += pressure3 / range3;
    out[i] = 100 * (sum / 7);
    let t = i - p1 + 1;
    pressure1 -= buyingPressure(close[t], low[t], close[t - 1]);
    range1 -= trueRange(high[t], low[t], close[t - 1]);
    t = i - p2 + 1;
    pressure2 -= buyingPressure(close[t], low[t], close[t - 1]);
    range2 -= trueRange(high[t], low[t], close[t - 1]);
    t = i - p3 + 1;
    pressure3 -= buyingPressure(close[t], low[t], close[t - 1]);
    range3 -= trueRange(high[t], low[t], close[t - 1]);
  }
  totals[0] = pressure1;
  totals[1] = pressure2;
  totals[2] = pressure3;
  totals[3] = range1;
  totals[4] = range2;
  totals[5] = range3;
}
