import { z } from "zod";
import { defineNode } from "@/nodes/core/define";

export const roc = defineNode({
  type: "indicators.roc",
  version: 1,
  title: "Rate of Change",
  category: "indicators",
  description:
    "Rate of change: the percent move from `period` bars ago, (value / value then − 1) × 100. It is 0 where the old value is 0, as in TA-Lib.",
  reference: "TA-Lib ROC",
  inputs: [{ name: "source", type: "series", label: "Source" }],
  outputs: [{ name: "value", type: "series", label: "ROC %" }],
  params: z.object({
    period: z.number().int().min(1).max(100_000).default(10).describe("How many bars back to compare with."),
  }),
  warmup: ({ period }) => period,
  formula: { name: "roc", params: ["period"] },
  kernel: ({ period }, { start }) => ({
    run([source], [out], from, to) {
      let i = from;
      for (; i < to && i - start < period; i++) out[i] = Number.NaN;
      rateOfChange(source, out, i, to, period);
    },
  }),
});

/**
 * The percent change over `period` bars for bars [from, to); 0 from a zero.
 */
function rateOfChange(
  source: Float64Array,
  out: Float64Array,
  from: number,
  to: number,
  period: number,
): void {
  for (let i = from; i < to; i++) {
    const then = source[i - period];
    out[i] = then !== 0 ? (source[i] / then - 1) * 100 : 0;
  }
}
