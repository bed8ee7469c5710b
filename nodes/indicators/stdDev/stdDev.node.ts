import { z } from "zod";
import { defineNode, type KernelInstance } from "@/nodes/core/define";

/** TA-Lib's TA_IS_ZERO_OR_NEG threshold: a variance below it reads as 0. */
const EPSILON = 1e-14;

/**
 * Population standard deviation of the last `period` values times `deviations`, with TA-Lib's
 * running sums of x and x² (so rounding agrees with TA-Lib STDDEV; variances under 1e-14 give 0).
 */
export function createStdDev(period: number, deviations: number, start: number): KernelInstance {
  const first = start + period - 1;
  let total = 0;
  let totalOfSquares = 0;
  return {
    run([source], [out], from, to) {
      let i = from;
      for (; i < to && i < first; i++) {
        if (i >= start) {
          total += source[i];
          totalOfSquares += source[i] * source[i];
        }
        out[i] = Number.NaN;
      }
      // The sums live in locals for the loop: closure variables would be stored on every bar.
      const n = period;
      const multiplier = deviations;
      let sum = total;
      let sumOfSquares = totalOfSquares;
      for (; i < to; i++) {
        const x = source[i];
        sum += x;
        sumOfSquares += x * x;
        const mean = sum / n;
        const meanOfSquares = sumOfSquares / n;
        const leaving = source[i - n + 1];
        sum -= leaving;
        sumOfSquares -= leaving * leaving;
        const variance = meanOfSquares - mean * mean;
        out[i] = variance < EPSILON ? 0.0 : Math.sqrt(variance) * multiplier;
      }
      total = sum;
      totalOfSquares = sumOfSquares;
    },
  };
}

export const stdDev = defineNode({
  type: "indicators.stdDev",
  version: 1,
  title: "Standard Deviation",
  category: "indicators",
  description:
    "Standard deviation of the last `period` values (population: divides by period, like TA-Lib), times a " +
    "multiplier. Measures how spread out recent values are: a volatility gauge.",
  reference: "TA-Lib STDDEV",
  inputs: [{ name: "source", type: "series", label: "Source" }],
  outputs: [{ name: "value", type: "series", label: "Std dev" }],
  params: z.object({
    period: z
      .number()
      .int()
      .min(2)
      .max(100_000)
      .default(5)
      .describe("How many bars the deviation is measured over."),
    deviations: z
      .number()
      .min(-1000)
      .max(1000)
      .default(1)
      .describe("Multiplier applied to the standard deviation (TA-Lib's nbDev)."),
  }),
  warmup: ({ period }) => period - 1,
  formula: { name: "stdDev", params: ["period", "deviations"] },
  kernel: ({ period, deviations }, { start }) => createStdDev(period, deviations, start),
});
