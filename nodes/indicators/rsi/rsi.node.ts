import { z } from "zod";
import { defineNode, type KernelInstance } from "@/nodes/core/define";

/** TA-Lib's TA_IS_ZERO: sums this close to zero count as "no movement". */
export const TALIB_EPSILON = 1e-14;

/**
 * Wilder's smoothed average gain and loss, seeded the way TA-Lib seeds them: the first `period`
 * changes after `start` are averaged plainly, later ones are smoothed as (prev × (period − 1) + x) / period.
 * RSI and CMO differ only in how they combine the two averages, so both run this one loop;
 * the operations follow TA-Lib's order so the results agree to the last bit.
 */
export function wilderOscillator(period: number, start: number, balance: "rsi" | "cmo"): KernelInstance {
  const cmo = balance === "cmo";
  const decay = period - 1;
  let previous = 0;
  let gain = 0;
  let loss = 0;
  return {
    run([source], [out], from, to) {
      // The state lives in locals for the loops: closure variables would be stored on every bar.
      let last = previous;
      let up = gain;
      let down = loss;
      let i = from;
      for (; i < to && i < start; i++) out[i] = Number.NaN;
      if (i === start && i < to) {
        last = source[i];
        out[i++] = Number.NaN;
      }
      // The first `period` changes are summed plainly, then averaged once.
      for (; i < to && i - start <= period; i++) {
        const value = source[i];
        const change = value - last;
        last = value;
        if (change < 0) down -= change;
        else up += change;
        if (i - start < period) {
          out[i] = Number.NaN;
          continue;
        }
        down /= period;
        up /= period;
        out[i] = oscillator(up, down, cmo);
      }
      // One loop per balance: a test of `cmo` inside the loop makes it half as fast.
      const n = period;
      const m = decay;
      if (cmo) {
        for (; i < to; i++) {
          const value = source[i];
          const change = value - last;
          last = value;
          down *= m;
          up *= m;
          if (change < 0) down -= change;
          else up += change;
          down /= n;
          up /= n;
          const total = up + down;
          out[i] = total > -TALIB_EPSILON && total < TALIB_EPSILON ? 0 : 100 * ((up - down) / total);
        }
      } else {
        for (; i < to; i++) {
          const value = source[i];
          const change = value - last;
          last = value;
          down *= m;
          up *= m;
          if (change < 0) down -= change;
          else up += change;
          down /= n;
          up /= n;
          const total = up + down;
          out[i] = total > -TALIB_EPSILON && total < TALIB_EPSILON ? 0 : 100 * (up / total);
        }
      }
      previous = last;
      gain = up;
      loss = down;
    },
  };
}

function oscillator(gain: number, loss: number, cmo: boolean): number {
  const total = gain + loss;
  if (total > -TALIB_EPSILON && total < TALIB_EPSILON) return 0;
  return cmo ? 100 * ((gain - loss) / total) : 100 * (gain / total);
}

export const rsi = defineNode({
  type: "indicators.rsi",
  version: 1,
  title: "RSI",
  category: "indicators",
  description:
    "Relative Strength Index (Wilder): the share of recent gains in all recent moves, from 0 to 100. Above 70 is read as overbought, below 30 as oversold; it is 0 when the price has not moved at all.",
  reference: "TA-Lib RSI",
  inputs: [{ name: "source", type: "series", label: "Source" }],
  outputs: [{ name: "value", type: "series", label: "RSI" }],
  params: z.object({
    period: z
      .number()
      .int()
      .min(2)
      .max(100_000)
      .default(14)
      .describe("How many bars Wilder's smoothing spans."),
  }),
  warmup: ({ period }) => period,
  formula: { name: "rsi", params: ["period"] },
  kernel: ({ period }, { start }) => wilderOscillator(period, start, "rsi"),
});
