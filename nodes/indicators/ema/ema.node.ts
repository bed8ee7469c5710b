import { z } from "zod";
import { defineNode, type KernelInstance } from "@/nodes/core/define";

/**
 * The EMA computation without the node around it, for kernels that compose an EMA
 * (DEMA, TEMA, TRIX, MACD, Keltner...). Equals TA-Lib EMA applied to the bars from `start` on:
 * seeded with the SMA of the first `period` values, then `ema += (x - ema) * 2 / (period + 1)`.
 * Any period ≥ 1 works here (MACD's signal line may be 1); the node itself asks for ≥ 2 like TA-Lib.
 */
export function createEma(period: number, start: number): KernelInstance {
  const k = 2 / (period + 1);
  const seedAt = start + period - 1;
  let seedSum = 0;
  let ema = Number.NaN;
  return {
    run([source], [out], from, to) {
      let i = from;
      for (; i < to && i < seedAt; i++) {
        if (i >= start) seedSum += source[i];
        out[i] = Number.NaN;
      }
      if (i === seedAt && i < to) {
        ema = (seedSum + source[i]) / period;
        out[i++] = ema;
      }
      ema = smooth(source, out, i, to, k, ema);
    },
  };
}

/**
 * The EMA carried along bars [from, to) after its seed, each bar's value written; returns the last.
 */
function smooth(
  source: Float64Array,
  out: Float64Array,
  from: number,
  to: number,
  factor: number,
  ema: number,
): number {
  let value = ema;
  for (let i = from; i < to; i++) {
    value = (source[i] - value) * factor + value;
    out[i] = value;
  }
  return value;
}

export const ema = defineNode({
  type: "indicators.ema",
  version: 1,
  title: "EMA",
  category: "indicators",
  description:
    "Exponential moving average: a moving average that weights recent values more (factor 2 / (period + 1)). " +
    "Reacts faster than an SMA of the same period. Starts from the SMA of the first `period` values, like TA-Lib.",
  reference: "TA-Lib EMA",
  inputs: [{ name: "source", type: "series", label: "Source" }],
  outputs: [{ name: "value", type: "series", label: "EMA" }],
  params: z.object({
    period: z.number().int().min(2).max(100_000).default(30).describe("How many bars the average spans."),
  }),
  warmup: ({ period }) => period - 1,
  formula: { name: "ema", params: ["period"] },
  kernel: ({ period }, { start }) => createEma(period, start),
});
