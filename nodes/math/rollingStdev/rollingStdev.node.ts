import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import { periodParam } from "../ports";
import { rollingSpread } from "../rolling";

export const rollingStdev = defineNode({
  type: "math.rollingStdev",
  version: 1,
  title: "Rolling Standard Deviation",
  category: "math",
  description:
    "How widely the last `period` values spread around their average (population standard deviation, dividing by `period` like TA-Lib's STDDEV, not by period − 1). Higher means more volatile. While the window holds an empty value (NaN) the result is empty too.",
  reference: "TA-Lib STDDEV (nbDev 1)",
  inputs: [{ name: "x", type: "series", label: "X" }],
  outputs: [{ name: "value", type: "series", label: "Std dev" }],
  params: z.object({ period: periodParam(20, 2) }),
  warmup: ({ period }) => period - 1,
  formula: { name: "rollingStdev", params: ["period"] },
  kernel: ({ period }, { start }) => rollingSpread(period, start, "stdev"),
});
