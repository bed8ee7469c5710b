import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import { isFiniteNumber, periodParam } from "../ports";

export const rollingStdev = defineNode({
  type: "math.rollingStdev",
  version: 1,
  title: "Rolling Standard Deviation",
  category: "math",
  description:
    "How widely the last `period` values spread around their average (population standard deviation, dividing by `period` like TA-Lib's STDDEV, not by period − 1). Higher means more volatile. While the window holds an empty value (NaN) the result is empty too.",
  reference: "TA-Lib STDDEV (nbDev 1)",
  inputs: [{ name: "x", type: "series", label: "X" }],
  outputs: [{ name: "value", type: "series", label: "Std dev" }],
  params: z.object({ period: periodParam(20, 2) }),
  warmup: ({ period }) => period - 1,
  formula: { name: "rollingStdev", params: ["period"] },
  kernel: ({ period }, { start }) => {
    // Running sums of x and x², variance = mean(x²) − mean(x)², the old value leaving before the new
    // one enters: TA-Lib's formula and order of operations, so results agree to the last bit.
    const state = { sum: 0, sumOfSquares: 0, gaps: 0 };
    return {
      run([x], [out], from, to) {
        // Hot state lives in locals for the loop; captured variables would be re-read every bar.
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
          // Rounding can push a zero variance slightly below zero.
          out[i] = variance > 0 ? Math.sqrt(variance) : 0;
        }
        state.sum = sum;
        state.sumOfSquares = sumOfSquares;
        state.gaps = gaps;
      },
    };
  },
});
