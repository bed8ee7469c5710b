import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import { isFiniteNumber, periodParam } from "../ports";

export const percentRank = defineNode({
  type: "math.percentRank",
  version: 1,
  title: "Percent Rank",
  category: "math",
  description:
    "Where the current value ranks among the previous `period` values, from 0 to 100: the percentage of those earlier values that are less than or equal to it. 100 means nothing in the window was higher; 0 means every earlier value was higher. The current bar itself is not part of the window.",
  reference:
    "TradingView Pine ta.percentrank(source, length): share of the previous values less than or equal to the current",
  inputs: [{ name: "x", type: "series", label: "X" }],
  outputs: [{ name: "value", type: "series", label: "Percent rank" }],
  params: z.object({ period: periodParam(100) }),
  warmup: ({ period }) => period,
  formula: { name: "percentRank", params: ["period"] },
  kernel: ({ period }, { start }) => ({
    run([x], [out], from, to) {
      for (let i = from; i < to; i++) {
        const v = x[i];
        if (i < start + period || !isFiniteNumber(v)) {
          out[i] = Number.NaN;
          continue;
        }
        // A scan of the window: no state, so streaming equals batch by construction.
        let atOrBelow = 0;
        let gaps = 0;
        for (let j = i - period; j < i; j++) {
          const w = x[j];
          if (!isFiniteNumber(w)) gaps++;
          else if (w <= v) atOrBelow++;
        }
        out[i] = gaps > 0 ? Number.NaN : (atOrBelow / period) * 100;
      }
    },
  }),
});
