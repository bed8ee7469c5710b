import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import { percentK, RollingMean, TrailingExtremes } from "../stochf/window";

export const stoch = defineNode({
  type: "indicators.stoch",
  version: 1,
  title: "Stochastic",
  category: "indicators",
  description:
    "Slow stochastic: fast %K (where the close sits in the last `fastKPeriod` bars' range) smoothed by an SMA into %K, and %K smoothed again into %D. Crossings of %K and %D, and readings above 80 or below 20, are the usual signals.",
  reference: "TA-Lib STOCH (SMA smoothing)",
  inputs: [{ name: "bars", type: "bars", label: "Bars" }],
  outputs: [
    { name: "k", type: "series", label: "%K" },
    { name: "d", type: "series", label: "%D" },
  ],
  params: z.object({
    fastKPeriod: z
      .number()
      .int()
      .min(1)
      .max(100_000)
      .default(5)
      .describe("How many bars the high-low range spans."),
    slowKPeriod: z
      .number()
      .int()
      .min(1)
      .max(100_000)
      .default(3)
      .describe("How many fast %K values %K averages."),
    slowDPeriod: z.number().int().min(1).max(100_000).default(3).describe("How many %K values %D averages."),
  }),
  warmup: ({ fastKPeriod, slowKPeriod, slowDPeriod }) => fastKPeriod - 1 + slowKPeriod - 1 + slowDPeriod - 1,
  kernel: ({ fastKPeriod, slowKPeriod, slowDPeriod }, { start }) => {
    const window = new TrailingExtremes();
    const slowK = new RollingMean(slowKPeriod);
    const slowD = new RollingMean(slowDPeriod);
    const full = start + fastKPeriod - 1;
    const dFrom = full + slowKPeriod - 1;
    const warm = dFrom + slowDPeriod - 1;
    return {
      run([, , high, low, close], [kOut, dOut], from, to) {
        let i = from;
        for (; i < to && i < full; i++) kOut[i] = dOut[i] = Number.NaN;
        slowStochastic(high, low, close, kOut, dOut, i, to, fastKPeriod, dFrom, warm, window, slowK, slowD);
      },
    };
  },
});

/**
 * %K and %D for bars [from, to), each with a full fast %K window: %D is fed from `dFrom` on, the
 * first bar %K has a value, and both are NaN before `warm`.
 */
function slowStochastic(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  kOut: Float64Array,
  dOut: Float64Array,
  from: number,
  to: number,
  fastKPeriod: number,
  dFrom: number,
  warm: number,
  window: TrailingExtremes,
  slowK: RollingMean,
  slowD: RollingMean,
): void {
  for (let i = from; i < to; i++) {
    window.update(high, low, i - fastKPeriod + 1, i);
    const k = slowK.push(percentK(close[i], window.highest, window.lowest));
    const d = i >= dFrom ? slowD.push(k) : Number.NaN;
    if (i < warm) kOut[i] = dOut[i] = Number.NaN;
    else {
      kOut[i] = k;
      dOut[i] = d;
    }
  }
}
