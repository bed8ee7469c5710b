import { z } from "zod";
import { defineNode, type KernelInstance } from "@/nodes/core/define";

/**
 * Wilder's smoothing as TA-Lib runs it inside ATR and RSI: seeded with the SMA of the first
 * `period` values, then rma = (rma · (period − 1) + x) / period.
 */
export function createRma(period: number, start: number): KernelInstance {
  const seedAt = start + period - 1;
  let seedSum = 0;
  let rma = Number.NaN;
  return {
    run([source], [out], from, to) {
      let i = from;
      for (; i < to && i < seedAt; i++) {
        if (i >= start) seedSum += source[i];
        out[i] = Number.NaN;
      }
      if (i === seedAt && i < to) {
        rma = (seedSum + source[i]) / period;
        out[i++] = rma;
      }
      let value = rma;
      for (; i < to; i++) {
        value *= period - 1;
        value += source[i];
        value /= period;
        out[i] = value;
      }
      rma = value;
    },
  };
}

export const rma = defineNode({
  type: "indicators.rma",
  version: 1,
  title: "RMA (Wilder)",
  category: "indicators",
  description:
    "Wilder's moving average (RMA, SMMA): an EMA with factor 1 / period, the smoothing inside RSI, ATR and ADX. " +
    "Seeded with the SMA of the first `period` values, as TA-Lib does inside ATR; equal to Tulip's `wilders`.",
  reference: "TA-Lib ATR's smoothing (ATR = RMA of TRANGE) and Tulip Indicators `wilders`",
  inputs: [{ name: "source", type: "series", label: "Source" }],
  outputs: [{ name: "value", type: "series", label: "RMA" }],
  params: z.object({
    period: z.number().int().min(1).max(100_000).default(14).describe("How many bars the smoothing spans."),
  }),
  warmup: ({ period }) => period - 1,
  formula: { name: "rma", params: ["period"] },
  kernel: ({ period }, { start }) => createRma(period, start),
});
