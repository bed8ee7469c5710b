import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import { averageTrueRange } from "../atr/atr.node.ts";
import { TALIB_EPSILON } from "../rsi/rsi.node.ts";

export const natr = defineNode({
  type: "indicators.natr",
  version: 1,
  title: "NATR",
  category: "indicators",
  description:
    "Normalized ATR: ATR as a percent of the close, so volatility compares across instruments and price levels. 0 where the close is 0 (TA-Lib leaves that bar unwritten).",
  reference: "TA-Lib NATR",
  inputs: [{ name: "bars", type: "bars", label: "Bars" }],
  outputs: [{ name: "value", type: "series", label: "NATR %" }],
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
  formula: { name: "natr", params: ["period"] },
  kernel: ({ period }, { start }) => {
    const atr = averageTrueRange(period, start);
    return {
      run(inputs, outputs, from, to) {
        // ATR lands in the output first and is scaled in place: no scratch column needed.
        atr.run(inputs, outputs, from, to);
        const close = inputs[4];
        const out = outputs[0];
        for (let i = from; i < to; i++) {
          const price = close[i];
          if (price > -TALIB_EPSILON && price < TALIB_EPSILON && !Number.isNaN(out[i])) out[i] = 0;
          else out[i] = (out[i] / price) * 100;
        }
      },
    };
  },
});
