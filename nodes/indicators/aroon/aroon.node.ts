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
    const factor = 100 / period;
    return {
      run([, , high, low], [upOut, downOut], from, to) {
        for (let i = from; i < to; i++) {
          if (i - start < period) {
            upOut[i] = downOut[i] = Number.NaN;
            continue;
          }
          window.update(high, low, i - period, i);
          upOut[i] = factor * (period - (i - window.highestAt));
          downOut[i] = factor * (period - (i - window.lowestAt));
        }
      },
    };
  },
});
