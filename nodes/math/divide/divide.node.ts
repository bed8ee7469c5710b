import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import { fallbackValue, twoNumberInputs } from "../ports";

export const divide = defineNode({
  type: "math.divide",
  version: 1,
  title: "Divide",
  category: "math",
  description:
    "Divides A by B, bar by bar: A ÷ B. Where B is 0 the result is empty (NaN) instead of infinity, so a division by zero never turns into a signal.",
  inputs: twoNumberInputs,
  outputs: [{ name: "value", type: "series", label: "Divide" }],
  params: z.object({ value: fallbackValue(1) }),
  warmup: () => 0,
  formula: { name: "divide", params: [] },
  kernel: (_params, { start }) => ({
    run([a, b], [out], from, to) {
      for (let i = from; i < to; i++) out[i] = i < start ? Number.NaN : b[i] === 0 ? Number.NaN : a[i] / b[i];
    },
  }),
});
