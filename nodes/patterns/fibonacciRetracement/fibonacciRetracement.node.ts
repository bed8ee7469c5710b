import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import { isFiniteNumber } from "@/nodes/math/ports";
import { WindowExtreme } from "@/nodes/math/rolling";

/** The retracement ratios, in the order of the level outputs. */
export const FIBONACCI_RATIOS = [0.236, 0.382, 0.5, 0.618, 0.786] as const;

export const fibonacciRetracement = defineNode({
  type: "patterns.fibonacciRetracement",
  version: 1,
  title: "Fibonacci Retracement",
  category: "patterns",
  description:
    "Fibonacci levels of the latest swing: the highest high and the lowest low of the last `window` bars, and the 23.6%, 38.2%, 50%, 61.8% and 78.6% levels between them. When the high came after the low (an up-swing) the levels are measured from the high down, i.e. how far a pull-back has retraced; when the low came after the high (a down-swing) they are measured from the low up. If both fall on the same bar the swing counts as an up-swing. Traders buy pull-backs to the 38.2–61.8% zone in an uptrend. Levels move as the window rolls.",
  inputs: [{ name: "bars", type: "bars", label: "Bars" }],
  outputs: [
    { name: "swingHigh", type: "series", label: "Swing high" },
    { name: "swingLow", type: "series", label: "Swing low" },
    { name: "level236", type: "series", label: "23.6%" },
    { name: "level382", type: "series", label: "38.2%" },
    { name: "level500", type: "series", label: "50%" },
    { name: "level618", type: "series", label: "61.8%" },
    { name: "level786", type: "series", label: "78.6%" },
  ],
  params: z.object({
    window: z
      .number()
      .int()
      .min(2)
      .max(100_000)
      .default(100)
      .describe("How many bars back to look for the swing high and low."),
  }),
  warmup: ({ window }) => window - 1,
  formula: { name: "fibonacciRetracement", params: ["window"] },
  kernel: ({ window }, { start }) => {
    const highest = new WindowExtreme(window, true);
    const lowest = new WindowExtreme(window, false);
    let gaps = 0;
    const [r1, r2, r3, r4, r5] = FIBONACCI_RATIOS;
    return {
      run(inputs, [swingHigh, swingLow, l1, l2, l3, l4, l5], from, to) {
        const high = inputs[2];
        const low = inputs[3];
        for (let i = from; i < to; i++) {
          let h = Number.NaN;
          let l = Number.NaN;
          if (i >= start) {
            if (!isFiniteNumber(high[i]) || !isFiniteNumber(low[i])) gaps++;
            const old = i - window;
            if (old >= start && (!isFiniteNumber(high[old]) || !isFiniteNumber(low[old]))) gaps--;
            const hi = highest.push(high, i);
            const lo = lowest.push(low, i);
            if (i - start >= window - 1 && gaps === 0) {
              h = high[hi];
              l = low[lo];
              // Measured from the later extreme: from the high down after an up-swing, else from the low up.
              const range = hi >= lo ? l - h : h - l;
              const base = hi >= lo ? h : l;
              swingHigh[i] = h;
              swingLow[i] = l;
              l1[i] = base + r1 * range;
              l2[i] = base + r2 * range;
              l3[i] = base + r3 * range;
              l4[i] = base + r4 * range;
              l5[i] = base + r5 * range;
              continue;
            }
          }
          swingHigh[i] = h;
          swingLow[i] = l;
          l1[i] = l2[i] = l3[i] = l4[i] = l5[i] = Number.NaN;
        }
      },
    };
  },
});
