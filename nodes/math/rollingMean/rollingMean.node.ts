import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import { isFiniteNumber, periodParam } from "../ports";

export const rollingMean = defineNode({
  type: "math.rollingMean",
  version: 1,
  title: "Rolling Mean",
  category: "math",
  description:
    "The average of the last `period` values of any series, e.g. the average volume of the last 20 bars. On prices it equals the SMA indicator. While the window holds an empty value (NaN) the result is empty too.",
  reference: "TA-Lib SMA",
  inputs: [{ name: "x", type: "series", label: "X" }],
  outputs: [{ name: "value", type: "series", label: "Mean" }],
  params: z.object({ period: periodParam(20) }),
  warmup: ({ period }) => period - 1,
  formula: { name: "rollingMean", params: ["period"] },
  kernel: ({ period }, { start }) => {
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
          out[i] = i - start >= period - 1 && gaps === 0 ? sum / period : Number.NaN;
        }
        state.sum = sum;
        state.gaps = gaps;
      },
    };
  },
});
