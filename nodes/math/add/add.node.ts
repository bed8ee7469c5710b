import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import { fallbackValue, twoNumberInputs } from "../ports";

export const add = defineNode({
  type: "math.add",
  version: 1,
  title: "Add",
  category: "math",
  description: "Adds B to A, bar by bar: A + B. Leave B unconnected to add a fixed number.",
  inputs: twoNumberInputs,
  outputs: [{ name: "value", type: "series", label: "Add" }],
  params: z.object({ value: fallbackValue(0) }),
  warmup: () => 0,
  formula: { name: "add", params: [] },
  kernel: (_params, { start }) => ({
    run([a, b], [out], from, to) {
      for (let i = from; i < to; i++) out[i] = i < start ? Number.NaN : a[i] + b[i];
    },
  }),
});
