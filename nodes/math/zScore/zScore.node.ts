import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import { periodParam } from "../ports";
import { rollingSpread } from "../rolling";

export const zScore = defineNode({
  type: "math.zScore",
  version: 1,
  title: "Z-Score",
  category: "math",
  description:
    "How many standard deviations the current value sits above (+) or below (−) the average of the last `period` values: (x − mean) ÷ standard deviation, with the population standard deviation like Rolling Standard Deviation. A z-score above 2 marks an unusually high value; mean-reversion strategies sell there. Where the window does not vary at all the result is empty (NaN).",
  inputs: [{ name: "x", type: "series", label: "X" }],
  outputs: [{ name: "value", type: "series", label: "Z-score" }],
  params: z.object({ period: periodParam(20, 2) }),
  warmup: ({ period }) => period - 1,
  formula: { name: "zScore", params: ["period"] },
  kernel: ({ period }, { start }) => rollingSpread(period, start, "zScore"),
});
