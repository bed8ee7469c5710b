import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import { isFiniteNumber, periodParam } from "../ports";

export const rollingSum = defineNode({
  type: "math.rollingSum",
  version: 1,
  title: "Rolling Sum",
  category: "math",
  description:
    "The total of the last `period` values, e.g. the volume traded over the last 20 bars. While the window holds an empty value (NaN) the result is empty too.",
  reference: "TA-Lib SUM",
  inputs: [{ name: "x", type: "series", label: "X" }],
  outputs: [{ name: "value", type: "series", label: "Sum" }],
  params: z.object({ period: periodParam(20) }),
  warmup: ({ period }) => period - 1,
  formula: { name: "rollingSum", params: ["period"] },
  kernel: ({ period }, { start }) => {
    // A running sum like TA-Lib's; gaps are counted rather than summed so one NaN cannot poison
    // the sum for the rest of the run.
    const state = { sum: 0, gaps: 0 };
    return {
      run([x], [out], from, to) {
        let sum = state.sum;
        let gaps = state.gaps;
        for (let i = from; i < to; i++) {
          if (i < start) {
            out[i] = Number.NaN;
            continue;
          }
          if (i - start >= period) {
            const old = x[i - period];
            if (isFiniteNumber(old)) sum -= old;
            else gaps--;
          }
          const v = x[i];
          if (isFiniteNumber(v)) sum += v;
          else gaps++;
          out[i] = i - start >= period - 1 && gaps === 0 ? sum : Number.NaN;
        }
        state.sum = sum;
        state.gaps = gaps;
      },
    };
  },
});
