import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import { NAN_NOTE } from "../ports";

export const between = defineNode({
  type: "logic.between",
  version: 1,
  title: "Between",
  category: "logic",
  description: `True while X lies inside a range, the limits included: lower ≤ X ≤ upper. For example RSI between 40 and 60 for a calm market. The limits can be fixed numbers or connected series such as Bollinger bands. ${NAN_NOTE}`,
  inputs: [
    { name: "x", type: "series", label: "X" },
    { name: "lower", type: "series", label: "Lower", optional: true, fallbackParam: "lower" },
    { name: "upper", type: "series", label: "Upper", optional: true, fallbackParam: "upper" },
  ],
  outputs: [{ name: "result", type: "bool", label: "Inside" }],
  params: z.object({
    lower: z.number().finite().default(0).describe("The bottom of the range, when Lower is not connected."),
    upper: z.number().finite().default(100).describe("The top of the range, when Upper is not connected."),
  }),
  warmup: () => 0,
  formula: { name: "between", params: [] },
  kernel: (_params, { start }) => ({
    run([x, lower, upper], [out], from, to) {
      for (let i = from; i < to; i++) {
        const v = x[i];
        const lo = lower[i];
        const hi = upper[i];
        out[i] =
          i < start || Number.isNaN(v) || Number.isNaN(lo) || Number.isNaN(hi)
            ? Number.NaN
            : v >= lo && v <= hi
              ? 1
              : 0;
      }
    },
  }),
});
