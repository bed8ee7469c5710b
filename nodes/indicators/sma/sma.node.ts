import { z } from "zod";
import { defineNode } from "@/nodes/core/define";

export const sma = defineNode({
  type: "indicators.sma",
  version: 1,
  title: "SMA",
  category: "indicators",
  description:
    "Simple moving average: the mean of the last `period` values. Smooths noise; a price crossing its SMA is a classic trend signal.",
  reference: "TA-Lib SMA",
  inputs: [{ name: "source", type: "series", label: "Source" }],
  outputs: [{ name: "value", type: "series", label: "SMA" }],
  params: z.object({
    period: z.number().int().min(2).max(100_000).default(30).describe("How many bars to average."),
  }),
  warmup: ({ period }) => period - 1,
  formula: { name: "sma", params: ["period"] },
  kernel: ({ period }, { start }) => {
    // A running sum over the window; TA-Lib sums the same way, so results agree to rounding.
    const first = start + period - 1;
    let total = 0;
    return {
      run([source], [out], from, to) {
        let sum = total;
        let i = from;
        for (; i < to && i < start; i++) out[i] = Number.NaN;
        for (; i < to && i < first; i++) {
          sum += source[i];
          out[i] = Number.NaN;
        }
        if (i === first && i < to) {
          sum += source[i];
          out[i++] = sum / period;
        }
        total = slide(source, out, i, to, period, sum);
      },
    };
  },
});

/**
 * The running sum moved along bars [from, to) of full windows, each bar's mean written; returns the
 * sum.
 */
function slide(
  source: Float64Array,
  out: Float64Array,
  from: number,
  to: number,
  n: number,
  sum: number,
): number {
  let total = sum;
  for (let i = from; i < to; i++) {
    total += source[i];
    total -= source[i - n];
    out[i] = total / n;
  }
  return total;
}
