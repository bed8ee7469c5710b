import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import { fallbackValue, twoNumberInputs } from "../ports";

export const max = defineNode({
  type: "math.max",
  version: 1,
  title: "Maximum",
  category: "math",
  description: "The larger of A and B on each bar. Useful to take the higher of two support levels.",
  inputs: twoNumberInputs,
  outputs: [{ name: "value", type: "series", label: "Maximum" }],
  params: z.object({ value: fallbackValue(0) }),
  warmup: () => 0,
  formula: { name: "max", params: [] },
  kernel: (_params, { start }) => ({
    run([a, b], [out], from, to) {
      for (let i = from; i < to; i++) out[i] = i < start ? Number.NaN : Math.max(a[i], b[i]);
    },
  }),
});
