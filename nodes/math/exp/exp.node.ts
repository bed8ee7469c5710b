import { z } from "zod";
import { defineNode } from "@/nodes/core/define";

export const exp = defineNode({
  type: "math.exp",
  version: 1,
  title: "Exponential",
  category: "math",
  description:
    "e (2.718…) raised to each value: the inverse of Natural Log, e.g. to turn a log return back into a growth factor.",
  inputs: [{ name: "x", type: "series", label: "X" }],
  outputs: [{ name: "value", type: "series", label: "Exponential" }],
  params: z.object({}),
  warmup: () => 0,
  formula: { name: "exp", params: [] },
  kernel: (_params, { start }) => ({
    run([x], [out], from, to) {
      for (let i = from; i < to; i++) out[i] = i < start ? Number.NaN : Math.exp(x[i]);
    },
  }),
});
