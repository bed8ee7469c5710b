import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import { periodParam } from "../ports";
import { rollingExtreme } from "../rolling";

export const rollingMin = defineNode({
  type: "math.rollingMin",
  version: 1,
  title: "Rolling Lowest",
  category: "math",
  description:
    "The lowest of the last `period` values, this bar included, e.g. the lowest low of the last 20 bars as a support level or a trailing stop. While the window holds an empty value (NaN) the result is empty too.",
  reference: "TA-Lib MIN",
  inputs: [{ name: "x", type: "series", label: "X" }],
  outputs: [{ name: "value", type: "series", label: "Lowest" }],
  params: z.object({ period: periodParam(20) }),
  warmup: ({ period }) => period - 1,
  formula: { name: "rollingMin", params: ["period"] },
  kernel: ({ period }, { start }) => rollingExtreme(period, start, false),
});
