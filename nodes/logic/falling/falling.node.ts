import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import { NAN_NOTE } from "../ports";

export const falling = defineNode({
  type: "logic.falling",
  version: 1,
  title: "Falling",
  category: "logic",
  description: `True when X has gone down on each of the last \`bars\` bars, every value strictly lower than the one before: X < X[1] < … < X[bars]. An unchanged bar breaks the run. (TradingView's ta.falling is looser: it only asks that X be below the lowest of the previous bars.) ${NAN_NOTE}`,
  inputs: [{ name: "x", type: "series", label: "X" }],
  outputs: [{ name: "result", type: "bool", label: "Falling" }],
  params: z.object({
    bars: z.number().int().min(1).max(10_000).default(3).describe("How many falls in a row are needed."),
  }),
  warmup: ({ bars }) => bars,
  formula: { name: "falling", params: ["bars"] },
  kernel: ({ bars }, { start }) => {
    // How many bars in a row, up to this one, closed strictly below the bar before.
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
          run = now < before ? run + 1 : 0;
          out[i] =
            i < start + bars || Number.isNaN(now) || Number.isNaN(before) ? Number.NaN : run >= bars ? 1 : 0;
        }
        state.run = run;
      },
    };
  },
});
