import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import { wilderOscillator } from "../rsi/rsi.node.ts";

export const cmo = defineNode({
  type: "indicators.cmo",
  version: 1,
  title: "CMO",
  category: "indicators",
  description:
    "Chande Momentum Oscillator: (gains − losses) / (gains + losses) × 100, from −100 to +100. Like TA-Lib, the gains and losses are Wilder-smoothed as in RSI (so CMO = 2 × RSI − 100), not summed over the window as in Chande's book.",
  reference: "TA-Lib CMO",
  inputs: [{ name: "source", type: "series", label: "Source" }],
  outputs: [{ name: "value", type: "series", label: "CMO" }],
  params: z.object({
    period: z
      .number()
      .int()
      .min(2)
      .max(100_000)
      .default(14)
      .describe("How many bars Wilder's smoothing spans."),
  }),
  warmup: ({ period }) => period,
  formula: { name: "cmo", params: ["period"] },
  kernel: ({ period }, { start }) => wilderOscillator(period, start, "cmo"),
});
