import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import { TrailingExtremes } from "../stochf/window";

export const willr = defineNode({
  type: "indicators.willr",
  version: 1,
  title: "Williams %R",
  category: "indicators",
  description:
    "Williams %R: how far the close sits below the highest high of the last `period` bars, as a percent of their range, from −100 (at the low) to 0 (at the high). Above −20 is read as overbought, below −80 as oversold; 0 on a flat range.",
  reference: "TA-Lib WILLR",
  inputs: [{ name: "bars", type: "bars", label: "Bars" }],
  outputs: [{ name: "value", type: "series", label: "%R" }],
  params: z.object({
    period: z
      .number()
      .int()
      .min(2)
      .max(100_000)
      .default(14)
      .describe("How many bars the high-low range spans."),
  }),
  warmup: ({ period }) => period - 1,
  formula: { name: "willr", params: ["period"] },
  kernel: ({ period }, { start }) => {
    const window = new TrailingExtremes();
    const first = start + period - 1;
    return {
      run([, , high, low, close], [out], from, to) {
        let i = from;
        for (; i < to && i < first; i++) out[i] = Number.NaN;
        williamsR(high, low, close, out, i, to, period, window);
      },
    };
  },
});

/**
 * %R for bars [from, to), each with a full window.
 */
function williamsR(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  out: Float64Array,
  from: number,
  to: number,
  period: number,
  window: TrailingExtremes,
): void {
  for (let i = from; i < to; i++) {
    window.update(high, low, i - period + 1, i);
    const minusOnePercent = (window.highest - window.lowest) / -100;
    out[i] = minusOnePercent !== 0 ? (window.highest - close[i]) / minusOnePercent : 0;
  }
}
