import { z } from "zod";
import { defineNode } from "@/nodes/core/define";

export const sqrt = defineNode({
  type: "math.sqrt",
  version: 1,
  title: "Square Root",
  category: "math",
  description:
    "The square root of each value, e.g. to scale a daily volatility by the square root of time. Negative values have no square root and give an empty value (NaN).",
  inputs: [{ name: "x", type: "series", label: "X" }],
  outputs: [{ name: "value", type: "series", label: "Square Root" }],
  params: z.object({}),
  warmup: () => 0,
  formula: { name: "sqrt", params: [] },
  kernel: (_params, { start }) => ({
    run([x], [out], from, to) {
      for (let i = from; i < to; i++) out[i] = i < start ? Number.NaN : Math.sqrt(x[i]);
    },
  }),
});
