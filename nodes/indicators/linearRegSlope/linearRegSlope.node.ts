import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import { createLinearRegression } from "../linearReg/linearReg.node.ts";

export const linearRegSlope = defineNode({
  type: "indicators.linearRegSlope",
  version: 1,
  title: "Linear Regression Slope",
  category: "indicators",
  description:
    "The slope of the least-squares line through the last `period` values, in price units per bar. " +
    "Positive in an uptrend, negative in a downtrend; its size is the trend's speed.",
  reference: "TA-Lib LINEARREG_SLOPE",
  inputs: [{ name: "source", type: "series", label: "Source" }],
  outputs: [{ name: "value", type: "series", label: "Slope" }],
  params: z.object({
    period: z.number().int().min(2).max(100_000).default(14).describe("How many bars the line is fitted to."),
  }),
  warmup: ({ period }) => period - 1,
  formula: { name: "linearRegSlope", params: ["period"] },
  kernel: ({ period }, { start }) => createLinearRegression(period, start, "slope"),
});
