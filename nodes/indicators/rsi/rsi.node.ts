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
  let previous = 0;
  let gain = 0;
  let loss = 0;
  return {
    run([source], [out], from, to) {
      for (let i = from; i < to; i++) {
        const bar = i - start;
        if (bar < 0) {
          out[i] = Number.NaN;
          continue;
        }
        const value = source[i];
        if (bar === 0) {
          previous = value;
          out[i] = Number.NaN;
          continue;
        }
        const change = value - previous;
        previous = value;
        if (bar > period) {
          loss *= period - 1;
          gain *= period - 1;
          if (change < 0) loss -= change;
          else gain += change;
          loss /= period;
          gain /= period;
        } else {
          if (change < 0) loss -= change;
          else gain += change;
          if (bar < period) {
            out[i] = Number.NaN;
            continue;
          }
          loss /= period;
          gain /= period;
        }
        const total = gain + loss;
        if (total > -TALIB_EPSILON && total < TALIB_EPSILON) out[i] = 0;
        else out[i] = cmo ? 100 * ((gain - loss) / total) : 100 * (gain / total);
      }
    },
  };
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
