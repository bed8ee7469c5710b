import { z } from "zod";
import { defineNode } from "@/nodes/core/define";

export const abs = defineNode({
  type: "math.abs",
  version: 1,
  title: "Absolute Value",
  category: "math",
  description: "Drops the sign: −3 becomes 3. Useful for the size of a move regardless of its direction.",
  inputs: [{ name: "x", type: "series", label: "X" }],
  outputs: [{ name: "value", type: "series", label: "Absolute Value" }],
  params: z.object({}),
  warmup: () => 0,
  formula: { name: "abs", params: [] },
  kernel: (_params, { start }) => ({
    run([x], [out], from, to) {
      for (let i = from; i < to; i++) out[i] = i < start ? Number.NaN : Math.abs(x[i]);
    },
  }),
});
