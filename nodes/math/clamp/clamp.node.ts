import { z } from "zod";
import { defineNode } from "@/nodes/core/define";

export const clamp = defineNode({
  type: "math.clamp",
  version: 1,
  title: "Clamp",
  category: "math",
  description:
    "Keeps X between a lower and an upper limit: values below the lower limit become the lower limit, values above the upper limit become the upper limit. The limits can be fixed numbers or connected series; on a bar where the lower limit is above the upper one the result is empty (NaN).",
  inputs: [
    { name: "x", type: "series", label: "X" },
    { name: "lower", type: "series", label: "Lower", optional: true, fallbackParam: "lower" },
    { name: "upper", type: "series", label: "Upper", optional: true, fallbackParam: "upper" },
  ],
  outputs: [{ name: "value", type: "series", label: "Clamped" }],
  params: z.object({
    lower: z.number().finite().default(0).describe("The lowest value allowed, when Lower is not connected."),
    upper: z
      .number()
      .finite()
      .default(100)
      .describe("The highest value allowed, when Upper is not connected."),
  }),
  warmup: () => 0,
  formula: { name: "clamp", params: [] },
  kernel: (_params, { start }) => ({
    run([x, lower, upper], [out], from, to) {
      for (let i = from; i < to; i++) {
        const v = x[i];
        const lo = lower[i];
        const hi = upper[i];
        // A NaN limit fails lo <= hi; a NaN x stays NaN through Math.max.
        out[i] = i < start || !(lo <= hi) ? Number.NaN : Math.min(Math.max(v, lo), hi);
      }
    },
  }),
});
