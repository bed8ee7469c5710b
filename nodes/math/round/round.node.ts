import { z } from "zod";
import { defineNode } from "@/nodes/core/define";

export const round = defineNode({
  type: "math.round",
  version: 1,
  title: "Round",
  category: "math",
  description:
    "Rounds each value to a number of decimals: 2 decimals turns 1.2345 into 1.23; 0 gives whole numbers. Halves round up (2.5 becomes 3, −2.5 becomes −2). Prices are stored in binary, so a value that prints as 1.005 may really be 1.00499… and round down.",
  inputs: [{ name: "x", type: "series", label: "X" }],
  outputs: [{ name: "value", type: "series", label: "Rounded" }],
  params: z.object({
    decimals: z
      .number()
      .int()
      .min(0)
      .max(12)
      .default(0)
      .describe("How many digits to keep after the decimal point."),
  }),
  warmup: () => 0,
  formula: { name: "round", params: ["decimals"] },
  kernel: ({ decimals }, { start }) => {
    const scale = 10 ** decimals;
    return {
      run([x], [out], from, to) {
        for (let i = from; i < to; i++) out[i] = i < start ? Number.NaN : Math.round(x[i] * scale) / scale;
      },
    };
  },
});
