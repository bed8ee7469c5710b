import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import { periodParam } from "../ports";
import { rollingExtreme } from "../rolling";

export const rollingMax = defineNode({
  type: "math.rollingMax",
  version: 1,
  title: "Rolling Highest",
  category: "math",
  description:
    "The highest of the last `period` values, this bar included, e.g. the highest high of the last 20 bars for a breakout (Donchian channel). While the window holds an empty value (NaN) the result is empty too.",
  reference: "TA-Lib MAX",
  inputs: [{ name: "x", type: "series", label: "X" }],
  outputs: [{ name: "value", type: "series", label: "Highest" }],
  params: z.object({ period: periodParam(20) }),
  warmup: ({ period }) => period - 1,
  formula: { name: "rollingMax", params: ["period"] },
  kernel: ({ period }, { start }) => rollingExtreme(period, start, true),
});
