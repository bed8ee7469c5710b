import { z } from "zod";
import { defineNode, type KernelInstance } from "@/nodes/core/define";

/**
 * The WMA computation for kernels that compose it (HMA). Weights 1..period, newest heaviest,
 * divided by period·(period+1)/2. Keeps TA-Lib's running sums (a weighted sum minus a plain sum
 * per bar) so results follow TA-Lib's rounding; any period ≥ 1 works here.
 */
export function createWma(period: number, start: number): KernelInstance {
  // Exact in float64 for every allowed period (a 32-bit shift would overflow from period 46,341).
  const divider = (period * (period + 1)) / 2;
  const first = start + period - 1;
  /** The weighted sum, the plain sum and the value that leaves the window next. */
  const state = new Float64Array(3);
  return {
    run([source], [out], from, to) {
      let i = from;
      for (; i < to && i < first; i++) out[i] = Number.NaN;
      if (i === first && i < to) {
        let weightedSum = 0;
        let plainSum = 0;
        for (let j = start, weight = 1; j < first; j++, weight++) {
          plainSum += source[j];
          weightedSum += source[j] * weight;
        }
        state[0] = weightedSum;
        state[1] = plainSum;
        state[2] = 0;
      }
      if (i < to) weigh(source, out, i, to, period, divider, state);
    },
  };
}

/**
 * The running sums carried along bars [from, to) of full windows, each bar's WMA written, reading
 * and updating `state`.
 */
function weigh(
  source: Float64Array,
  out: Float64Array,
  from: number,
  to: number,
  period: number,
  divider: number,
  state: Float64Array,
): void {
  let weightedSum = state[0];
  let plainSum = state[1];
  let leaving = state[2];
  for (let i = from; i < to; i++) {
    const x = source[i];
    plainSum += x;
    plainSum -= leaving;
    weightedSum += x * period;
    leaving = source[i - period + 1];
    out[i] = weightedSum / divider;
    weightedSum -= plainSum;
  }
  state[0] = weightedSum;
  state[1] = plainSum;
  state[2] = leaving;
}

export const wma = defineNode({
  type: "indicators.wma",
  version: 1,
  title: "WMA",
  category: "indicators",
  description:
    "Weighted moving average: the newest value weighs `period`, the one before `period - 1`, down to 1 for the oldest. " +
    "Follows price more closely than an SMA of the same period.",
  reference: "TA-Lib WMA",
  inputs: [{ name: "source", type: "series", label: "Source" }],
  outputs: [{ name: "value", type: "series", label: "WMA" }],
  params: z.object({
    period: z.number().int().min(2).max(100_000).default(30).describe("How many bars the average spans."),
  }),
  warmup: ({ period }) => period - 1,
  formula: { name: "wma", params: ["period"] },
  kernel: ({ period }, { start }) => createWma(period, start),
});
