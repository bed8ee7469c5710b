import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import { fallbackValue, twoNumberInputs } from "../ports";

export const subtract = defineNode({
  type: "math.subtract",
  version: 1,
  title: "Subtract",
  category: "math",
  description:
    "Subtracts B from A, bar by bar: A − B. For example the close minus a moving average gives how far price is above its average.",
  inputs: twoNumberInputs,
  outputs: [{ name: "value", type: "series", label: "Subtract" }],
  params: z.object({ value: fallbackValue(0) }),
  warmup: () => 0,
  formula: { name: "subtract", params: [] },
  kernel: (_params, { start }) => ({
    run([a, b], [out], from, to) {
      for (let i = from; i < to; i++) out[i] = i < start ? Number.NaN : a[i] - b[i];
    },
  }),
});
