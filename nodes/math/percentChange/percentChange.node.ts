import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import { barsBackParam } from "../ports";

export const percentChange = defineNode({
  type: "math.percentChange",
  version: 1,
  title: "Percent Change",
  category: "math",
  description:
    "How much X moved over a number of bars, in percent of where it was: (today − n bars ago) ÷ (n bars ago) × 100. A close going from 50 to 55 is +10. Where the old value is 0 the result is empty (NaN). This is TA-Lib's rate of change (ROC).",
  reference: "TA-Lib ROC",
  inputs: [{ name: "x", type: "series", label: "X" }],
  outputs: [{ name: "value", type: "series", label: "Change %" }],
  params: z.object({ bars: barsBackParam(1) }),
  warmup: ({ bars }) => bars,
  formula: { name: "percentChange", params: ["bars"] },
  kernel: ({ bars }, { start }) => ({
    run([x], [out], from, to) {
      for (let i = from; i < to; i++) {
        if (i < start + bars) {
          out[i] = Number.NaN;
          continue;
        }
        const before = x[i - bars];
        out[i] = before === 0 ? Number.NaN : ((x[i] - before) / before) * 100;
      }
    },
  }),
});
