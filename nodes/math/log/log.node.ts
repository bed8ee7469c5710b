import { z } from "zod";
import { defineNode } from "@/nodes/core/define";

export const log = defineNode({
  type: "math.log",
  version: 1,
  title: "Natural Log",
  category: "math",
  description:
    "The natural logarithm (ln) of each value, e.g. to turn prices into log prices. Zero and negative values have no logarithm and give an empty value (NaN).",
  inputs: [{ name: "x", type: "series", label: "X" }],
  outputs: [{ name: "value", type: "series", label: "Natural Log" }],
  params: z.object({}),
  warmup: () => 0,
  formula: { name: "log", params: [] },
  kernel: (_params, { start }) => ({
    run([x], [out], from, to) {
      for (let i = from; i < to; i++)
        out[i] = i < start ? Number.NaN : x[i] > 0 ? Math.log(x[i]) : Number.NaN;
    },
  }),
});
