import { z } from "zod";
import { defineNode, type KernelInstance } from "@/nodes/core/define";

/**
 * The WMA computation for kernels that compose it (HMA). Weights 1..period, newest heaviest,
 * divided by period·(period+1)/2. Keeps TA-Lib's running sums (a weighted sum minus a plain sum
 * per bar) so results follow TA-Lib's rounding; any period ≥ 1 works here.
 */
export function createWma(period: number, start: number): KernelInstance {
  // Exact in float64 for every allowed period (a 32-bit shift would overflow from period 46,341).
  const divider = (period * (period + 1)) / 2;
  const first = start + period - 1;
  let weightedSum = 0;
  let plainSum = 0;
  let leaving = 0;
  return {
    run([source], [out], from, to) {
      let i = from;
      for (; i < to && i < first; i++) out[i] = Number.NaN;
      if (i === first && i < to) {
        weightedSum = 0;
        plainSum = 0;
        leaving = 0;
        for (let j = start, weight = 1; j < first; j++, weight++) {
          plainSum += source[j];
          weightedSum += source[j] * weight;
        }
      }
      for (; i < to; i++) {
        const x = source[i];
        plainSum += x;
        plainSum -= leaving;
        weightedSum += x * period;
        leaving = source[i - period + 1];
        out[i] = weightedSum / divider;
        weightedSum -= plainSum;
      }
    },
  };
}

export const wma = defineNode({
  type: "indicators.wma",
  version: 1,
  title: "WMA",
  category: "indicators",
  description:
    "Weighted moving average: the newest value weighs `period`, the one before `period - 1`, down to 1 for the oldest. " +
    "Follows price more closely than an SMA of the same period.",
  reference: "TA-Lib WMA",
  inputs: [{ name: "source", type: "series", label: "Source" }],
  outputs: [{ name: "value", type: "series", label: "WMA" }],
  params: z.object({
    period: z.number().int().min(2).max(100_000).default(30).describe("How many bars the average spans."),
  }),
  warmup: ({ period }) => period - 1,
  formula: { name: "wma", params: ["period"] },
  kernel: ({ period }, { start }) => createWma(period, start),
});
