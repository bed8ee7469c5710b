import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import { NAN_NOTE } from "../ports";

export const rising = defineNode({
  type: "logic.rising",
  version: 1,
  title: "Rising",
  category: "logic",
  description: `True when X has gone up on each of the last \`bars\` bars, every value strictly higher than the one before: X > X[1] > … > X[bars]. An unchanged bar breaks the run. (TradingView's ta.rising is looser: it only asks that X beat the highest of the previous bars.) ${NAN_NOTE}`,
  inputs: [{ name: "x", type: "series", label: "X" }],
  outputs: [{ name: "result", type: "bool", label: "Rising" }],
  params: z.object({
    bars: z.number().int().min(1).max(10_000).default(3).describe("How many rises in a row are needed."),
  }),
  warmup: ({ bars }) => bars,
  formula: { name: "rising", params: ["bars"] },
  kernel: ({ bars }, { start }) => {
    // How many bars in a row, up to this one, closed strictly above the bar before.
    const state = { run: 0 };
    return {
      run([x], [out], from, to) {
        let run = state.run;
        for (let i = from; i < to; i++) {
          if (i <= start) {
            out[i] = Number.NaN;
            continue;
          }
          const now = x[i];
          const before = x[i - 1];
          run = now > before ? run + 1 : 0;
          out[i] =
            i < start + bars || Number.isNaN(now) || Number.isNaN(before) ? Number.NaN : run >= bars ? 1 : 0;
        }
        state.run = run;
      },
    };
  },
});
