import { z } from "zod";
import { defineNode, type KernelInstance } from "@/nodes/core/define";

/**
 * A least-squares line through the last `period` values, fitted afresh each bar with TA-Lib's
 * sums (x counts bars back from the newest). Emits the line's value at the newest bar, or its
 * slope per bar. A fresh fit per bar costs O(period) but keeps TA-Lib's rounding exactly.
 */
export function createLinearRegression(
  period: number,
  start: number,
  output: "value" | "slope",
): KernelInstance {
  const first = start + period - 1;
  const sumX = period * (period - 1) * 0.5;
  const sumXSquared = (period * (period - 1) * (2 * period - 1)) / 6;
  const divisor = sumX * sumX - period * sumXSquared;
  return {
    run([source], [out], from, to) {
      for (let t = from; t < to; t++) {
        if (t < first) {
          out[t] = Number.NaN;
          continue;
        }
        let sumXY = 0;
        let sumY = 0;
        for (let i = period; i-- !== 0; ) {
          const y = source[t - i];
          sumY += y;
          sumXY += i * y;
        }
        const slope = (period * sumXY - sumX * sumY) / divisor;
        out[t] = output === "slope" ? slope : (sumY - slope * sumX) / period + slope * (period - 1);
      }
    },
  };
}

export const linearReg = defineNode({
  type: "indicators.linearReg",
  version: 1,
  title: "Linear Regression",
  category: "indicators",
  description:
    "Linear regression value: fits a least-squares straight line through the last `period` values and gives " +
    "where that line is at the current bar. A smooth, low-lag trend line (also called the end point moving average).",
  reference: "TA-Lib LINEARREG",
  inputs: [{ name: "source", type: "series", label: "Source" }],
  outputs: [{ name: "value", type: "series", label: "Regression" }],
  params: z.object({
    period: z.number().int().min(2).max(100_000).default(14).describe("How many bars the line is fitted to."),
  }),
  warmup: ({ period }) => period - 1,
  formula: { name: "linearReg", params: ["period"] },
  kernel: ({ period }, { start }) => createLinearRegression(period, start, "value"),
});
