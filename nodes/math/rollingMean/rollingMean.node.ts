import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import { periodParam } from "../ports";
import { rollingTotal } from "../rolling";

export const rollingMean = defineNode({
  type: "math.rollingMean",
  version: 1,
  title: "Rolling Mean",
  category: "math",
  description:
    "The average of the last `period` values of any series, e.g. the average volume of the last 20 bars. On prices it equals the SMA indicator. While the window holds an empty value (NaN) the result is empty too.",
  reference: "TA-Lib SMA",
  inputs: [{ name: "x", type: "series", label: "X" }],
  outputs: [{ name: "value", type: "series", label: "Mean" }],
  params: z.object({ period: periodParam(20) }),
  warmup: ({ period }) => period - 1,
  formula: { name: "rollingMean", params: ["period"] },
  kernel: ({ period }, { start }) => rollingTotal(period, start, period),
});
