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
    let sum = 0;
    return {
      run([source], [out], from, to) {
        for (let i = from; i < to; i++) {
          if (i < start) {
            out[i] = Number.NaN;
            continue;
          }
          sum += source[i];
          if (i - start >= period) sum -= source[i - period];
          out[i] = i - start >= period - 1 ? sum / period : Number.NaN;
        }
      },
    };
  },
});
