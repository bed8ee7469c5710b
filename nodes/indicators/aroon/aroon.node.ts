import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import { TrailingExtremes } from "../stochf/window";

export const aroon = defineNode({
  type: "indicators.aroon",
  version: 1,
  title: "Aroon",
  category: "indicators",
  description:
    "Aroon: how recently the highest high (up) and the lowest low (down) of the last `period` + 1 bars happened, from 100 (this bar) to 0 (`period` bars ago). Up above down suggests an uptrend; the latest bar wins a tie.",
  reference: "TA-Lib AROON",
  inputs: [{ name: "bars", type: "bars", label: "Bars" }],
  outputs: [
    { name: "up", type: "series", label: "Aroon up" },
    { name: "down", type: "series", label: "Aroon down" },
  ],
  params: z.object({
    period: z
      .number()
      .int()
      .min(2)
      .max(100_000)
      .default(14)
      .describe("How many bars back to look for the extremes."),
  }),
  warmup: ({ period }) => period,
  kernel: ({ period }, { start }) => {
    const window = new TrailingExtremes();
    const first = start + period;
    return {
      run([, , high, low], [upOut, downOut], from, to) {
        let i = from;
        for (; i < to && i < first; i++) upOut[i] = downOut[i] = Number.NaN;
        aroonLines(high, low, upOut, downOut, i, to, period, window);
      },
    };
  },
});

/**
 * Aroon up and down for bars [from, to), each with a full window of period + 1 bars.
 */
function aroonLines(
  high: Float64Array,
  low: Float64Array,
  upOut: Float64Array,
  downOut: Float64Array,
  from: number,
  to: number,
  period: number,
  window: TrailingExtremes,
): void {
  const factor = 100 / period;
  for (let i = from; i < to; i++) {
    window.update(high, low, i - period, i);
    upOut[i] = factor * (period - (i - window.highestAt));
    downOut[i] = factor * (period - (i - window.lowestAt));
  }
}
