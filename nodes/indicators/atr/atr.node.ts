import { z } from "zod";
import { defineNode, type KernelInstance } from "@/nodes/core/define";
import { trueRange } from "../trange/trange.node.ts";

/**
 * Wilder's average true range as TA-Lib computes it: true ranges start on the second bar after
 * `start`; the first `period` of them are averaged plainly, later ones smoothed as
 * (atr × (period − 1) + tr) / period. Writes into `out`, which NATR, Keltner and SuperTrend reuse.
 */
export function averageTrueRange(period: number, start: number): KernelInstance {
  let atr = 0;
  return {
    run([, , high, low, close], [out], from, to) {
      // The average lives in a local for the loops: a closure variable would be stored on every bar.
      let average = atr;
      let i = from;
      for (; i < to && i <= start; i++) out[i] = Number.NaN;
      for (; i < to && i - start <= period; i++) {
        average += trueRange(high[i], low[i], close[i - 1]);
        if (i - start === period) {
          average /= period;
          out[i] = average;
        } else out[i] = Number.NaN;
      }
      atr = smooth(high, low, close, out, i, to, period, average);
    },
  };
}

/**
 * Wilder's smoothing carried along bars [from, to) after the first average, each bar's written;
 * returns the last.
 */
function smooth(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  out: Float64Array,
  from: number,
  to: number,
  period: number,
  atr: number,
): number {
  const decay = period - 1;
  let average = atr;
  for (let i = from; i < to; i++) {
    average *= decay;
    average += trueRange(high[i], low[i], close[i - 1]);
    average /= period;
    out[i] = average;
  }
  return average;
}

export const atr = defineNode({
  type: "indicators.atr",
  version: 1,
  title: "ATR",
  category: "indicators",
  description:
    "Average True Range (Wilder): how far price typically travels in a bar, gaps included. Used to size stops and positions to the market's current volatility.",
  reference: "TA-Lib ATR",
  inputs: [{ name: "bars", type: "bars", label: "Bars" }],
  outputs: [{ name: "value", type: "series", label: "ATR" }],
  params: z.object({
    period: z
      .number()
      .int()
      .min(1)
      .max(100_000)
      .default(14)
      .describe("How many bars Wilder's smoothing spans."),
  }),
  warmup: ({ period }) => period,
  formula: { name: "atr", params: ["period"] },
  kernel: ({ period }, { start }) => averageTrueRange(period, start),
});
