import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import { fallbackValue, twoNumberInputs } from "../ports";

export const multiply = defineNode({
  type: "math.multiply",
  version: 1,
  title: "Multiply",
  category: "math",
  description: "Multiplies A by B, bar by bar: A × B. For example an ATR times 2 for a stop distance.",
  inputs: twoNumberInputs,
  outputs: [{ name: "value", type: "series", label: "Multiply" }],
  params: z.object({ value: fallbackValue(1) }),
  warmup: () => 0,
  formula: { name: "multiply", params: [] },
  kernel: (_params, { start }) => ({
    run([a, b], [out], from, to) {
      for (let i = from; i < to; i++) out[i] = i < start ? Number.NaN : a[i] * b[i];
    },
  }),
});
