import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import { periodParam } from "@/nodes/math/ports";
import { rollingSum } from "@/nodes/math/rollingSum/rollingSum.node.ts";

export const countInWindow = defineNode({
  type: "logic.countInWindow",
  version: 1,
  title: "Count True",
  category: "logic",
  description:
    "How many of the last `period` bars had the condition true, this bar included, e.g. how many of the last 10 bars closed up. While the window holds an empty value (NaN) the count is empty too.",
  inputs: [{ name: "condition", type: "bool", label: "Condition" }],
  outputs: [{ name: "value", type: "series", label: "Count" }],
  params: z.object({ period: periodParam(10) }),
  warmup: ({ period }) => period - 1,
  formula: { name: "countInWindow", params: ["period"] },
  // True is 1 and false is 0, so the count is a rolling sum of the condition.
  kernel: (params, context) => rollingSum.kernel!(params, context),
});
