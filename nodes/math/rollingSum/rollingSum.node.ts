import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import { periodParam } from "../ports";
import { rollingTotal } from "../rolling";

export const rollingSum = defineNode({
  type: "math.rollingSum",
  version: 1,
  title: "Rolling Sum",
  category: "math",
  description:
    "The total of the last `period` values, e.g. the volume traded over the last 20 bars. While the window holds an empty value (NaN) the result is empty too.",
  reference: "TA-Lib SUM",
  inputs: [{ name: "x", type: "series", label: "X" }],
  outputs: [{ name: "value", type: "series", label: "Sum" }],
  params: z.object({ period: periodParam(20) }),
  warmup: ({ period }) => period - 1,
  formula: { name: "rollingSum", params: ["period"] },
  kernel: ({ period }, { start }) => rollingTotal(period, start, 1),
});
