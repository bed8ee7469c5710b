import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import { fallbackValue, twoNumberInputs } from "../ports";

export const min = defineNode({
  type: "math.min",
  version: 1,
  title: "Minimum",
  category: "math",
  description: "The smaller of A and B on each bar. Useful to take the tighter of two stop levels.",
  inputs: twoNumberInputs,
  outputs: [{ name: "value", type: "series", label: "Minimum" }],
  params: z.object({ value: fallbackValue(0) }),
  warmup: () => 0,
  formula: { name: "min", params: [] },
  kernel: (_params, { start }) => ({
    run([a, b], [out], from, to) {
      for (let i = from; i < to; i++) out[i] = i < start ? Number.NaN : Math.min(a[i], b[i]);
    },
  }),
});
