import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import { fallbackValue, twoNumberInputs } from "../ports";

export const pow = defineNode({
  type: "math.pow",
  version: 1,
  title: "Power",
  category: "math",
  description:
    "A raised to the power B on each bar, e.g. a return squared. A negative A with a fractional B has no real result and gives an empty value (NaN).",
  inputs: twoNumberInputs,
  outputs: [{ name: "value", type: "series", label: "Power" }],
  params: z.object({ value: fallbackValue(2) }),
  warmup: () => 0,
  formula: { name: "pow", params: [] },
  kernel: (_params, { start }) => ({
    run([a, b], [out], from, to) {
      for (let i = from; i < to; i++) out[i] = i < start ? Number.NaN : a[i] ** b[i];
    },
  }),
});
