import { z } from "zod";
import { defineNode } from "@/nodes/core/define";

export const barsSince = defineNode({
  type: "logic.barsSince",
  version: 1,
  title: "Bars Since",
  category: "logic",
  description:
    "How many bars ago the condition was last true: 0 on a bar where it is true, 1 on the bar after, and so on. Empty (NaN) until the condition has been true once. Use it for rules like 'no new entry within 10 bars of the last signal'. A bar where the condition is empty counts as not true.",
  reference: "TradingView ta.barssince(condition)",
  inputs: [{ name: "condition", type: "bool", label: "Condition" }],
  outputs: [{ name: "value", type: "series", label: "Bars since" }],
  params: z.object({}),
  warmup: () => 0,
  formula: { name: "barsSince", params: [] },
  kernel: (_params, { start }) => {
    const state = { lastTrue: -1 };
    return {
      run([condition], [out], from, to) {
        let lastTrue = state.lastTrue;
        for (let i = from; i < to; i++) {
          if (i < start) {
            out[i] = Number.NaN;
            continue;
          }
          if (condition[i] === 1) lastTrue = i;
          out[i] = lastTrue < 0 ? Number.NaN : i - lastTrue;
        }
        state.lastTrue = lastTrue;
      },
    };
  },
});
