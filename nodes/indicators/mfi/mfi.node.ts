import { z } from "zod";
import { defineNode } from "@/nodes/core/define";

export const mfi = defineNode({
  type: "indicators.mfi",
  version: 1,
  title: "MFI",
  category: "indicators",
  description:
    "Money Flow Index: a volume-weighted RSI. Typical price × volume counts as positive flow on bars where the typical price rose and negative where it fell; MFI is the positive share over `period` bars, 0 to 100. It is 0 while the window's total flow is below 1 (e.g. no volume), as in TA-Lib.",
  reference: "TA-Lib MFI",
  inputs: [{ name: "bars", type: "bars", label: "Bars" }],
  outputs: [{ name: "value", type: "series", label: "MFI" }],
  params: z.object({
    period: z
      .number()
      .int()
      .min(2)
      .max(100_000)
      .default(14)
      .describe("How many bars of money flow to weigh."),
  }),
  warmup: ({ period }) => period,
  formula: { name: "mfi", params: ["period"] },
  kernel: ({ period }, { start }) => {
    const positive = new Float64Array(period);
    const negative = new Float64Array(period);
    /** The next slot, the positive and negative sums, the previous typical price. */
    const state = new Float64Array(4);
    return {
      run([, , high, low, close, volume], [out], from, to) {
        moneyFlowIndex(high, low, close, volume, out, from, to, start, positive, negative, state);
      },
    };
  },
});

/**
 * MFI for bars [from, to), keeping the window's flows in `positive` and `negative` and updating
 * `state`.
 */
function moneyFlowIndex(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  volume: Float64Array,
  out: Float64Array,
  from: number,
  to: number,
  start: number,
  positive: Float64Array,
  negative: Float64Array,
  state: Float64Array,
): void {
  const period = positive.length;
  let slot = state[0];
  let positiveSum = state[1];
  let negativeSum = state[2];
  let previous = state[3];
  for (let i = from; i < to; i++) {
    const bar = i - start;
    if (bar < 0) {
      out[i] = Number.NaN;
      continue;
    }
    const typical = (high[i] + low[i] + close[i]) / 3;
    if (bar === 0) {
      previous = typical;
      out[i] = Number.NaN;
      continue;
    }
    if (bar > period) {
      positiveSum -= positive[slot];
      negativeSum -= negative[slot];
    }
    const change = typical - previous;
    previous = typical;
    const flow = typical * volume[i];
    if (change < 0) {
      negative[slot] = flow;
      negativeSum += flow;
      positive[slot] = 0;
    } else if (change > 0) {
      positive[slot] = flow;
      positiveSum += flow;
      negative[slot] = 0;
    } else {
      positive[slot] = 0;
      negative[slot] = 0;
    }
    slot = slot + 1 === period ? 0 : slot + 1;
    if (bar < period) {
      out[i] = Number.NaN;
      continue;
    }
    const total = positiveSum + negativeSum;
    out[i] = total < 1 ? 0 : 100 * (positiveSum / total);
  }
  state[0] = slot;
  state[1] = positiveSum;
  state[2] = negativeSum;
  state[3] = previous;
}
