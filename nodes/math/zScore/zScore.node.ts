import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import { isFiniteNumber, periodParam } from "../ports";

export const zScore = defineNode({
  type: "math.zScore",
  version: 1,
  title: "Z-Score",
  category: "math",
  description:
    "How many standard deviations the current value sits above (+) or below (−) the average of the last `period` values: (x − mean) ÷ standard deviation, with the population standard deviation like Rolling Standard Deviation. A z-score above 2 marks an unusually high value; mean-reversion strategies sell there. Where the window does not vary at all the result is empty (NaN).",
  inputs: [{ name: "x", type: "series", label: "X" }],
  outputs: [{ name: "value", type: "series", label: "Z-score" }],
  params: z.object({ period: periodParam(20, 2) }),
  warmup: ({ period }) => period - 1,
  formula: { name: "zScore", params: ["period"] },
  kernel: ({ period }, { start }) => {
    const state = { sum: 0, sumOfSquares: 0, gaps: 0 };
    return {
      run([x], [out], from, to) {
        let sum = state.sum;
        let sumOfSquares = state.sumOfSquares;
        let gaps = state.gaps;
        for (let i = from; i < to; i++) {
          if (i < start) {
            out[i] = Number.NaN;
            continue;
          }
          if (i - start >= period) {
            const old = x[i - period];
            if (isFiniteNumber(old)) {
              sum -= old;
              sumOfSquares -= old * old;
            } else gaps--;
          }
          const v = x[i];
          if (isFiniteNumber(v)) {
            sum += v;
            sumOfSquares += v * v;
          } else gaps++;
          if (i - start < period - 1 || gaps > 0) {
            out[i] = Number.NaN;
            continue;
          }
          const mean = sum / period;
          const variance = sumOfSquares / period - mean * mean;
          out[i] = variance > 0 ? (v - mean) / Math.sqrt(variance) : Number.NaN;
        }
        state.sum = sum;
        state.sumOfSquares = sumOfSquares;
        state.gaps = gaps;
      },
    };
  },
});
