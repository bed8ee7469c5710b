import { z } from "zod";
import { defineNode, type KernelInstance } from "@/nodes/core/define";
import { percentK, RollingMean, TrailingExtremes } from "./window";

/**
 * Fast %K over `kPeriod` bars and its `dPeriod` SMA, %K and %D both appearing once %D is warm
 * (TA-Lib aligns them). Reads the bars' high, low and close columns; StochRSI feeds it one
 * series in all three.
 */
export function fastStochastic(kPeriod: number, dPeriod: number, start: number): KernelInstance {
  const window = new TrailingExtremes();
  const d = new RollingMean(dPeriod);
  const full = start + kPeriod - 1;
  const warm = full + dPeriod - 1;
  return {
    run([, , high, low, close], [kOut, dOut], from, to) {
      let i = from;
      for (; i < to && i < full; i++) kOut[i] = dOut[i] = Number.NaN;
      fastStochasticFrom(high, low, close, kOut, dOut, i, to, kPeriod, warm, window, d);
    },
  };
}

/**
 * Fast %K and %D for bars [from, to), each with a full %K window; both NaN before `warm`.
 */
function fastStochasticFrom(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  kOut: Float64Array,
  dOut: Float64Array,
  from: number,
  to: number,
  kPeriod: number,
  warm: number,
  window: TrailingExtremes,
  d: RollingMean,
): void {
  for (let i = from; i < to; i++) {
    window.update(high, low, i - kPeriod + 1, i);
    const k = percentK(close[i], window.highest, window.lowest);
    const mean = d.push(k);
    if (i < warm) kOut[i] = dOut[i] = Number.NaN;
    else {
      kOut[i] = k;
      dOut[i] = mean;
    }
  }
}

export const stochf = defineNode({
  type: "indicators.stochf",
  version: 1,
  title: "Stochastic Fast",
  category: "indicators",
  description:
    "Fast stochastic: %K is where the close sits in the range of the last `kPeriod` bars (0 = at the low, 100 = at the high; 0 on a flat range), %D its simple average. Both start once %D is warm.",
  reference: "TA-Lib STOCHF (SMA for %D)",
  inputs: [{ name: "bars", type: "bars", label: "Bars" }],
  outputs: [
    { name: "k", type: "series", label: "%K" },
    { name: "d", type: "series", label: "%D" },
  ],
  params: z.object({
    kPeriod: z
      .number()
      .int()
      .min(1)
      .max(100_000)
      .default(5)
      .describe("How many bars the high-low range spans."),
    dPeriod: z.number().int().min(1).max(100_000).default(3).describe("How many %K values %D averages."),
  }),
  warmup: ({ kPeriod, dPeriod }) => kPeriod - 1 + dPeriod - 1,
  kernel: ({ kPeriod, dPeriod }, { start }) => fastStochastic(kPeriod, dPeriod, start),
});
