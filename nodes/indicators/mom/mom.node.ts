import { z } from "zod";
import { defineNode } from "@/nodes/core/define";

export const mom = defineNode({
  type: "indicators.mom",
  version: 1,
  title: "Momentum",
  category: "indicators",
  description:
    "Momentum: today's value minus the value `period` bars ago. Positive while the price is higher than it was; its zero crossings mark turns.",
  reference: "TA-Lib MOM",
  inputs: [{ name: "source", type: "series", label: "Source" }],
  outputs: [{ name: "value", type: "series", label: "Momentum" }],
  params: z.object({
    period: z.number().int().min(1).max(100_000).default(10).describe("How many bars back to compare with."),
  }),
  warmup: ({ period }) => period,
  formula: { name: "mom", params: ["period"] },
  kernel: ({ period }, { start }) => ({
    run([source], [out], from, to) {
      for (let i = from; i < to; i++)
        out[i] = i - start >= period ? source[i] - source[i - period] : Number.NaN;
    },
  }),
});
