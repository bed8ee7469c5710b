import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import { NAN_NOTE } from "../ports";

export const trueForBars = defineNode({
  type: "logic.trueForBars",
  version: 1,
  title: "True For Bars",
  category: "logic",
  description: `True once the condition has been true on each of the last \`bars\` bars, this bar included. Use it to wait for confirmation, e.g. close above the SMA for 3 bars in a row. ${NAN_NOTE}`,
  inputs: [{ name: "condition", type: "bool", label: "Condition" }],
  outputs: [{ name: "result", type: "bool", label: "Result" }],
  params: z.object({
    bars: z
      .number()
      .int()
      .min(1)
      .max(10_000)
      .default(3)
      .describe("How many bars in a row the condition must hold."),
  }),
  warmup: ({ bars }) => bars - 1,
  formula: { name: "trueForBars", params: ["bars"] },
  kernel: ({ bars }, { start }) => {
    // Length of the current run of true bars; an empty value ends the run like a false one.
    const state = { run: 0 };
    return {
      run([condition], [out], from, to) {
        let run = state.run;
        for (let i = from; i < to; i++) {
          if (i < start) {
            out[i] = Number.NaN;
            continue;
          }
          const c = condition[i];
          run = c === 1 ? run + 1 : 0;
          out[i] = i < start + bars - 1 || Number.isNaN(c) ? Number.NaN : run >= bars ? 1 : 0;
        }
        state.run = run;
      },
    };
  },
});
